import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_standard_page_shared_blocks"),
        ("wagtailimages", "0027_image_description"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.RenameField("clinicsettings", "schedule_url", "booking_url"),
        migrations.RenameField("clinicsettings", "schedule_label", "booking_label"),
        migrations.RenameField("clinicsettings", "schedule_page", "appointment_request_page"),
        migrations.RenameField("clinicsettings", "schedule_text", "booking_text"),
        # A label written for the old "Schedule now" button opened the application; the
        # application's button now has a fixed, honest label of its own.
        migrations.RunSQL(
            "UPDATE home_clinicsettings SET booking_label = 'Book an appointment' "
            "WHERE booking_label = 'Schedule now'",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="share_image",
            field=models.ForeignKey(
                blank=True,
                help_text="Shown when a page without a photo of its own is shared or linked to.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailimages.image",
            ),
        ),
        migrations.AddField(
            model_name="clinicsettings",
            name="share_image_alt_text",
            field=models.CharField(
                blank=True,
                help_text="What the share image shows, for people who cannot see it.",
                max_length=250,
                verbose_name="share image alt text",
            ),
        ),
        migrations.AlterField(
            model_name="clinicsettings",
            name="announcement_text",
            field=models.CharField(
                blank=True,
                help_text="One line at the top of every page while set; leave empty to hide it. Keep it short: a phone shows about 40 characters, the rest behind “…”.",
                max_length=250,
            ),
        ),
        migrations.AlterField(
            model_name="clinicsettings",
            name="appointment_request_page",
            field=models.ForeignKey(
                blank=True,
                help_text="Where “Request an appointment” leads without a booking link: usually the New Patient Application.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.WAGTAIL_PAGE_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="clinicsettings",
            name="booking_label",
            field=models.CharField(
                default="Book an appointment",
                help_text="The button's words when it opens the online booking link.",
                max_length=40,
            ),
        ),
        migrations.AlterField(
            model_name="clinicsettings",
            name="booking_text",
            field=models.CharField(
                blank=True,
                help_text="A sentence beside the booking button at the foot of every page.",
                max_length=250,
            ),
        ),
        migrations.AlterField(
            model_name="clinicsettings",
            name="booking_url",
            field=models.URLField(
                blank=True,
                help_text="The clinic's online booking system, when it has one. Leave empty and the button says “Request an appointment” and opens the page below.",
                verbose_name="online booking link",
            ),
        ),
    ]
