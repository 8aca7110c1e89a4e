extensions = ['myst_parser', 'sphinx_biography']
biography_data = ['data.yaml', 'missing.yaml', '../outside.yaml']
show_warning_types = True
nitpicky = True
