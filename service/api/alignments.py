from flask import Blueprint

bp = Blueprint("alignments", __name__, url_prefix="/api")
