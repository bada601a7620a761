"""Structured logs: one JSON object per line (python-json-logger), with the request's method,
path, status and duration on request log lines, for the production log collector."""

from pythonjsonlogger.json import JsonFormatter

FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"


class HuunghiJsonFormatter(JsonFormatter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"})
        super().__init__(FIELDS, *args, **kwargs)

    def add_fields(self, log_record, record, message_dict):
        super().add_fields(log_record, record, message_dict)
        request = getattr(record, "request", None)
        if request is not None and not isinstance(request, str):
            log_record["method"] = getattr(request, "method", None)
            log_record["path"] = getattr(request, "path", None)
            log_record.pop("request", None)
        status = getattr(record, "status_code", None)
        if status is not None:
            log_record["status"] = status
