from flask import Blueprint

bp = Blueprint("glossary", __name__, url_prefix="/api")
