extensions = ['myst_parser', 'biography']  # MyST parses the data's markup
biography_data = 'data.yaml'
show_warning_types = True
nitpicky = True
