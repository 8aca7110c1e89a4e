extensions = ['myst_parser', 'sphinx_biography']
biography_data = 'data.yaml'
show_warning_types = True
nitpicky = True
project = 'Relations'
version = release = '1.0'
copyright = '2026, tests'
latex_engine = 'xelatex'
