"""Offline kit for training sessions (`make offline`): a file:// copy of the site (zip), PDF
booklets, EPUB 3 and a ZIM file for Kiwix, built into a temporary folder then moved to dist/.

One module per format: site_zip, pdf, epub, zim; `kit` holds what they share (the offline
build of the site, the pages in navigation order, errors); `booklet` turns built pages into
one print/e-book document; `downloads` renders the Downloads page; `__main__` is the CLI.
"""
