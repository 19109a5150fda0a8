"""The bundled .docx templates (resolution, directive, synthesis report), as package data."""
