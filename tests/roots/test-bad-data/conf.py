extensions = ['myst_parser', 'biography']
biography_data = ['data.yaml', 'missing.yaml', '../outside.yaml']
show_warning_types = True
nitpicky = True
