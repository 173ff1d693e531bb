"""The JSON API, one blueprint per area. Routes parse, call one function and
shape the reply; the work happens in pipeline, store, glossary, align, export."""

from .alignments import bp as alignments_bp
from .articles import bp as articles_bp
from .export import bp as export_bp
from .glossary import bp as glossary_bp
from .health import bp as health_bp
from .keys import bp as keys_bp
from .libretranslate import bp as libretranslate_bp
from .pairs import bp as pairs_bp

BLUEPRINTS = [articles_bp, libretranslate_bp, health_bp, pairs_bp, glossary_bp,
              alignments_bp, export_bp, keys_bp]
