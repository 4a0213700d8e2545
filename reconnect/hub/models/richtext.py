"""The rich-text features editors get, kept small so every page reads the same way."""

# Headings start at h2: the page title is the only h1 (WCAG: one clear page heading).
BODY_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
LIST_FEATURES = ["bold", "italic", "ol", "ul", "link"]
