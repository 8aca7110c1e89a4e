extensions = ['biography']
biography_data = 'data.yaml'
show_warning_types = True
nitpicky = True
