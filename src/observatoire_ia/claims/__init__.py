"""The claims engine: claims and citations scanned from the Markdown, checked against
`bibliography.bib` and rendered as the public HTML contract (`observatoire/claims` plugin).

Data flows one way: scan (Markdown -> claims, citations) -> registry (the whole site,
checked) -> Markdown extension (HTML), bibliography page, exports, published addresses.
"""
