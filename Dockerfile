# wirealign: the service with waitress, its database on a volume under /app/data.
# Bake the Argos models in at build time (needs the Argos index reachable):
#   docker build --build-arg INSTALL_MODELS="ko ja" -t wirealign .
# or from .argosmodel files copied into models-in/ beside this file:
#   docker build --build-arg INSTALL_MODELS=files -t wirealign .
FROM python:3.11-slim

ARG INSTALL_MODELS=""
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    WIREALIGN_DATABASE=/app/data/wirealign.db \
    WIREALIGN_PACKAGES_DIR=/app/models \
    WIREALIGN_GLOSSARY_PATH=/app/glossaries

WORKDIR /app
RUN useradd --create-home --uid 1000 wirealign

COPY setup.cfg pyproject.toml README.md ./
COPY service ./service
COPY glossaries ./glossaries
COPY data/samples ./data/samples
# argostranslate without its 6 GB of declared dependencies (see README).
RUN pip install --no-deps "argostranslate==1.11.0" && pip install .

COPY models-in* ./models-in/
RUN mkdir -p /app/models /app/data \
    && if [ "$INSTALL_MODELS" = "files" ]; then \
         for f in models-in/*.argosmodel; do wirealign models install --file "$f"; done; \
       elif [ -n "$INSTALL_MODELS" ]; then \
         wirealign models install $INSTALL_MODELS; \
       fi \
    && rm -rf models-in && chown -R wirealign:wirealign /app/data /app/models

USER wirealign
VOLUME ["/app/data"]
EXPOSE 5000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:5000/health', timeout=4).status == 200 else 1)"
# waitress: slow clients hold connections, not app threads (see service/cli/serve.py).
CMD ["wirealign", "serve", "--host", "0.0.0.0", "--port", "5000"]
