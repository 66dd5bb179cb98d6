"""WSGI entry point.

After the application is loaded, the objects it made (modules, URL patterns, templates, catalogs)
are moved out of the garbage collector's generations with :func:`gc.freeze`: they live as long as
the process, and a full collection no longer walks them in the middle of a request. A server that
forks its workers after loading (gunicorn ``--preload``) also keeps those pages shared.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "niokr.settings")
application = get_wsgi_application()
gc.freeze()
