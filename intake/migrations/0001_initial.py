"""
The New Patient Application's models, moved here from the `home` app.

Only Django's record of the models moves (`state_operations`): the tables keep their
names (each model's `db_table`) and every stored application stays where it is. The
`home` migration that forgets the models (home 0006) runs after this one; 0002 then
moves their content types, so pages, revisions and permissions follow them.
"""

import django.core.serializers.json
import django.db.models.deletion
import encrypted_fields.fields
import modelcluster.fields
import wagtail.contrib.forms.models
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        # The tables are made by home 0002 and the intake group by home 0003.
        ('home', '0005_staff_groups'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                    migrations.CreateModel(
                        name='ApplicationFormPage',
                        fields=[
                            ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                            ('to_address', models.CharField(blank=True, help_text='Optional - form submissions will be emailed to these addresses. Separate multiple addresses by comma.', max_length=255, validators=[wagtail.contrib.forms.models.validate_to_address], verbose_name='to address')),
                            ('from_address', models.EmailField(blank=True, max_length=255, verbose_name='from address')),
                            ('subject', models.CharField(blank=True, max_length=255, verbose_name='subject')),
                            ('intro', wagtail.fields.RichTextField(blank=True)),
                            ('thank_you_text', wagtail.fields.RichTextField(blank=True, help_text='What happens next, shown after the application is sent.')),
                            ('urgent_care_text', wagtail.fields.RichTextField(blank=True, help_text='Shown instead of the usual thank-you when a warning sign was ticked. Leave empty for the standard advice to seek urgent care now.')),
                            ('privacy_page', models.ForeignKey(blank=True, help_text='Linked from the consent question.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                        ],
                        options={
                            'verbose_name': 'application form page',
                            'db_table': 'home_applicationformpage',
                        },
                        bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, wagtail.contrib.forms.models.FormMixin, 'wagtailcore.page', models.Model),
                    ),
                    migrations.CreateModel(
                        name='ApplicationFormField',
                        fields=[
                            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                            ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                            ('clean_name', models.CharField(blank=True, default='', help_text='Safe name of the form field, the label converted to ascii_snake_case', max_length=255, verbose_name='name')),
                            ('label', models.CharField(help_text='The label of the form field', max_length=255, verbose_name='label')),
                            ('required', models.BooleanField(default=True, verbose_name='required')),
                            ('choices', models.TextField(blank=True, help_text='Comma or new line separated list of choices. Only applicable in checkboxes, radio and dropdown.', verbose_name='choices')),
                            ('default_value', models.TextField(blank=True, help_text='Default value. Comma or new line separated values supported for checkboxes.', verbose_name='default value')),
                            ('help_text', models.CharField(blank=True, max_length=255, verbose_name='help text')),
                            ('field_type', models.CharField(choices=[('singleline', 'Single line text'), ('multiline', 'Multi-line text'), ('email', 'Email'), ('number', 'Number'), ('url', 'URL'), ('checkbox', 'Checkbox'), ('checkboxes', 'Checkboxes'), ('dropdown', 'Drop down'), ('multiselect', 'Multiple select'), ('radio', 'Radio buttons'), ('date', 'Date'), ('datetime', 'Date/time'), ('hidden', 'Hidden field'), ('tel', 'Phone number'), ('birthdate', 'Date of birth'), ('zipcode', 'US ZIP code'), ('warningsigns', 'Warning signs (a ticked box means: seek urgent care)'), ('consent', 'Consent (shows a link to the privacy notice)')], max_length=16, verbose_name='field type')),
                            ('autocomplete', models.CharField(blank=True, choices=[('given-name', 'First name'), ('family-name', 'Last name'), ('name', 'Full name'), ('bday', 'Date of birth'), ('tel', 'Phone number'), ('email', 'Email address'), ('postal-code', 'ZIP code'), ('street-address', 'Street address'), ('address-level2', 'City'), ('off', 'Never fill in')], help_text="What the patient's browser may fill in for them. Phone, email, date of birth and ZIP code questions know theirs already.", max_length=20)),
                            ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='form_fields', to='intake.applicationformpage')),
                        ],
                        options={
                            'db_table': 'home_applicationformfield',
                            'ordering': ['sort_order'],
                            'abstract': False,
                        },
                    ),
                    migrations.CreateModel(
                        name='ApplicationRateCounter',
                        fields=[
                            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                            ('client_key', models.CharField(max_length=64)),
                            ('window_start', models.DateTimeField(db_index=True)),
                            ('count', models.PositiveIntegerField(default=0)),
                        ],
                        options={
                            'db_table': 'home_applicationratecounter',
                            'constraints': [models.UniqueConstraint(fields=('client_key', 'window_start'), name='unique_application_rate_window')],
                        },
                    ),
                    migrations.CreateModel(
                        name='ApplicationSubmission',
                        fields=[
                            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                            ('submit_time', models.DateTimeField(auto_now_add=True, verbose_name='submit time')),
                            ('form_data', encrypted_fields.fields.EncryptedJSONField(encoder=django.core.serializers.json.DjangoJSONEncoder)),
                            ('token_digest', models.CharField(editable=False, max_length=64, null=True, unique=True)),
                            ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.WAGTAIL_PAGE_MODEL)),
                        ],
                        options={
                            'verbose_name': 'patient application',
                            'verbose_name_plural': 'patient applications',
                            'db_table': 'home_applicationsubmission',
                        },
                    ),
            ],
            database_operations=[],
        ),
    ]
