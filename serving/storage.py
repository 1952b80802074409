"""Where uploads live: local files by default, an S3-compatible object store when configured.

App servers stay stateless when media live in an object store (AWS S3, MinIO, Ceph, R2…): any
server can write a photo and every server, or a CDN, can serve it.
"""
from collections.abc import Mapping


def media_storage_from_env(environ: Mapping[str, str]) -> dict:
    """Return the STORAGES["default"] entry the environment asks for."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        # Unset keys fall back to boto3's own chain (instance role, ~/.aws), so none is required here.
        "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,  # MinIO, Ceph, R2…; empty for AWS
        "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,  # a CDN in front of the bucket
        "location": environ.get("AWS_LOCATION", ""),  # a prefix inside the bucket
        # Public pages are cached: signed URLs would expire inside cached pages, so by default media
        # URLs are plain and the bucket (or CDN) grants public read. AWS_QUERYSTRING_AUTH=1 to sign.
        "querystring_auth": environ.get("AWS_QUERYSTRING_AUTH") == "1",
        "file_overwrite": False,  # two photos called photo.jpg must not replace each other
    }
    addressing = environ.get("AWS_S3_ADDRESSING_STYLE")  # "path" for most self-hosted stores
    if addressing:
        options["addressing_style"] = addressing
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
