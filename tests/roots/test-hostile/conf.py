extensions = ['myst_parser', 'biography']
biography_data = 'data.yaml'
show_warning_types = True
