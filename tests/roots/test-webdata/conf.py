project = 'Web data'
extensions = ['myst_parser', 'sphinx_biography']
biography_data = 'data.yaml'
latex_engine = 'xelatex'
show_warning_types = True
nitpicky = True
