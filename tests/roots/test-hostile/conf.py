extensions = ['myst_parser', 'biography']
biography_data = 'data.yaml'
show_warning_types = True
latex_engine = 'xelatex'
