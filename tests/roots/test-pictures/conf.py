extensions = ['myst_parser', 'sphinx_biography']
biography_data = 'data.yaml'
latex_engine = 'xelatex'
show_warning_types = True
nitpicky = True
project = 'Pictures'
version = release = '1.0'
copyright = '2026, tests'
