"""
The New Patient Application now lives in the `intake` app (intake 0001 takes it over).

Only Django's record of the models goes: their tables, and every application in them,
stay as they are, under the same names.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_staff_groups"),
        ("intake", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ApplicationSubmission"),
                migrations.DeleteModel(name="ApplicationFormField"),
                migrations.DeleteModel(name="ApplicationRateCounter"),
                migrations.DeleteModel(name="ApplicationFormPage"),
            ],
            database_operations=[],
        ),
    ]
