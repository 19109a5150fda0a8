"""Small PDFs written byte by byte: a plain one-page letter and ones carrying active content."""

from __future__ import annotations


def build_pdf(catalog_extra: str = "", extra_objects: tuple[str, ...] = ()) -> bytes:
    """A one-page PDF; `catalog_extra` goes into the catalog, `extra_objects` are objects 4, 5..."""
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog_extra}>>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        *extra_objects,
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def plain_letter() -> bytes:
    return build_pdf()


def javascript_letter() -> bytes:
    """Runs JavaScript on opening (an OpenAction pointing at a JavaScript action)."""
    return build_pdf(
        "/OpenAction 4 0 R ", ("<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>",)
    )


def launch_letter() -> bytes:
    return build_pdf("/OpenAction 4 0 R ", ("<< /S /Launch /F (cmd.exe) >>",))


def attachment_letter() -> bytes:
    return build_pdf(
        "/Names << /EmbeddedFiles << /Names [(x.exe) 4 0 R] >> >> ",
        ("<< /Type /Filespec /F (x.exe) >>",),
    )
