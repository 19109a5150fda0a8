"""Reading an agency's answer, in steps: its content as a stream of pieces (stream), aligned by
text with the circulated version (align), comments and their threads (comments), and the items
assembled from these (engine.reader)."""
