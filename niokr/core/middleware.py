"""Request-scoped context: a request id that audit events carry."""

import uuid

from niokr.core.audit import current_request_id


class RequestIdMiddleware:
    """Give every request an id (or keep the proxy's ``X-Request-ID``) and expose it to the audit trail."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex
        token = current_request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = rid
        return response
