"""The report in words and in files: the same sentences and figures on the page, in the CSV
and in the PDF, so the three never disagree."""
