# One small page with every block, built once per theme by tests/test_themes.py
# and tests/gallery.py (``-D html_theme=...``).  reST only, plain-text data:
# nothing here depends on MyST.
extensions = ['sphinx_biography']
biography_data = 'data.yaml'
project = 'Themes'
copyright = '2026, tests'
version = release = '1.0'
language = 'en'
show_warning_types = True
nitpicky = True
html_theme = 'alabaster'
