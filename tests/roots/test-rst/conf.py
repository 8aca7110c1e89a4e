extensions = ['myst_parser', 'sphinx_biography']  # MyST parses the data's markup
biography_data = 'data.yaml'
show_warning_types = True
nitpicky = True
