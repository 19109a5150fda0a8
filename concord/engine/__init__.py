"""The .docx engine: reading answers, merging them, publishing versions, writing reports.

Pure Python over python-docx, lxml and diff-match-patch. It takes and returns bytes and
`models` records; it knows nothing of Prefect or storage.
"""
