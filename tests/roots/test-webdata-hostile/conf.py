project = 'Hostile web data'
extensions = ['myst_parser', 'sphinx_biography']
biography_data = 'data.yaml'
show_warning_types = True
