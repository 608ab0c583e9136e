# syntax=docker/dockerfile:1
# Multi-stage image: build the dependencies once, run as an unprivileged user, static files collected
# and hashed at build time. Configured by environment variables only (see README).

FROM python:3.11-slim-bookworm AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /build
# PyICU compiles against ICU's headers.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libicu-dev pkg-config g++ \
 && rm -rf /var/lib/apt/lists/*
# The lock (make lock): every package pinned with its hashes, the s3 extra included; pip refuses
# anything whose hash differs.
COPY requirements.txt ./
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install --require-hashes --no-deps -r requirements.txt

FROM python:3.11-slim-bookworm AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_MEDIA_ROOT=/data/media
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext libpq5 libmagic1 libicu72 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system portal && useradd --system --gid portal --home /app portal \
 && mkdir -p /data/media && chown portal:portal /data/media
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
COPY --chown=portal:portal . /app
# Build-time only values: collectstatic and compilemessages need settings to import.
RUN DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput -v 0 \
 && DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py compilemessages -v 0 \
 && chown -R portal:portal /app/staticfiles /app/locale
USER portal
EXPOSE 8000
VOLUME ["/data/media"]
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-", "--forwarded-allow-ips", "*"]
