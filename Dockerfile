# Siyu in a container: `docker build -t siyu . && docker run -p 8501:8501 -v siyu-data:/data siyu`
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    SIYU_WORKSPACE=/data/workspace

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-deps -r requirements.txt && useradd --create-home siyu \
    && mkdir -p /data && chown siyu /data
COPY --chown=siyu . .
USER siyu
VOLUME ["/data"]
EXPOSE 8501

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"

CMD ["python", "-m", "streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501", "--server.headless", "true"]
