"""The New Patient Application: form fields, spam checks, notifications, privacy, admin views.

The models (form page, questions, stored applications) live in home/models/application.py.
"""
