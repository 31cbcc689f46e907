"""Small helpers every layer shares: reading what people type (`user_text`: invisible
characters, quoting, lists; `salary_input`: "90k+", "$45/hr") and the common chart style."""
