"""The index that lets the home page count the threads new to a member from the index alone."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('hub', '0007_search_vocabulary_read_at'),
        ('network', '0002_discussions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='thread',
            index=models.Index(fields=['group', 'created_at', 'category', 'is_hidden', 'post_count'], name='network_thread_new_idx'),
        ),
    ]
