#!/usr/bin/env python3
"""Writes the negative vectors in ../resources/negative/*.json (run from anywhere; Python 3, stdlib).

Every signature here is computed by this script from the AWS specifications (SigV4 header and
query auth, aws-chunked chunk and trailer signatures, SigV2 S3 and query API, POST policy
signatures), with a fixed clock and the AWS documentation's example credentials: independent of
the Java code the vectors test. The expected answers are S3's error codes for each kind of bad
request (docs/verification-errors.md, issue #12), written down here by hand, never taken from a
run of the verifiers. NegativeVectorsTest (integration-tests) runs the files.

A case: id, comment, the request, and "result": "valid" (a control: the unmodified signed
request, which proves that the case next to it fails for the reason its comment gives) or
"invalid" with "code". Streaming cases also say at which "stage" the answer comes: "request"
(VerificationException from verifyStreaming) or "body" (AwsChunkedException while reading).
"""
import base64
import hashlib
import hmac
import json
import os
import urllib.parse
import zlib

AK = "AKIDEXAMPLE"
SK = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
NOW = "2024-03-01T10:20:30Z"
AMZ = "20240301T102030Z"
DAY = "20240301"
HTTP_DATE = "Fri, 01 Mar 2024 10:20:30 GMT"
REGION = "us-east-1"
SERVICE = "s3"
HOST = "examplebucket.s3.amazonaws.com"
EMPTY_SHA = hashlib.sha256(b"").hexdigest()
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "negative")


def sha256hex(b):
    return hashlib.sha256(b if isinstance(b, bytes) else b.encode()).hexdigest()


def enc(s):
    return urllib.parse.quote(s, safe="-_.~")


def canonical_query(query, skip=()):
    if not query:
        return ""
    pairs = []
    for piece in query.split("&"):
        name, _, value = piece.partition("=")
        name = urllib.parse.unquote(name)
        if name in skip:
            continue
        pairs.append((enc(name), enc(urllib.parse.unquote(value))))
    pairs.sort()
    return "&".join(n + "=" + v for n, v in pairs)


def trimall(v):
    return " ".join(v.split())


def signing_key(secret=SK, day=DAY, region=REGION, service=SERVICE):
    k = hmac.new(("AWS4" + secret).encode(), day.encode(), hashlib.sha256).digest()
    for m in (region, service, "aws4_request"):
        k = hmac.new(k, m.encode(), hashlib.sha256).digest()
    return k


def scope(day=DAY, region=REGION, service=SERVICE):
    return f"{day}/{region}/{service}/aws4_request"


def v4_signature(method, path, query, headers, signed, payload_hash, amz=AMZ, day=DAY, region=REGION,
                 service=SERVICE, skip=()):
    lines = []
    for name in signed:
        values = [trimall(v) for n, v in headers if n.lower() == name]
        lines.append(name + ":" + ",".join(values) + "\n")
    creq = "\n".join([method, path, canonical_query(query, skip), "".join(lines), ";".join(signed), payload_hash])
    sts = "\n".join(["AWS4-HMAC-SHA256", amz, scope(day, region, service), sha256hex(creq)])
    return hmac.new(signing_key(day=day, region=region, service=service), sts.encode(), hashlib.sha256).hexdigest()


def request(method, path, headers, query=None, body=None, host=HOST):
    r = {"method": method, "host": host, "path": path}
    if query is not None:
        r["query"] = query
    r["headers"] = [list(h) for h in headers]
    if body is not None:
        r["body"] = body
    return r


def valid(id_, comment, req):
    return {"id": id_, "comment": comment, "request": req, "result": "valid"}


def invalid(id_, comment, req, code, stage=None):
    c = {"id": id_, "comment": comment, "request": req, "result": "invalid", "code": code}
    if stage:
        c["stage"] = stage
    return c


def with_header(req, name, value, replace=True):
    r = json.loads(json.dumps(req))
    if replace:
        r["headers"] = [h for h in r["headers"] if h[0].lower() != name.lower()]
    r["headers"].append([name, value])
    return r


def without_header(req, name):
    r = json.loads(json.dumps(req))
    r["headers"] = [h for h in r["headers"] if h[0].lower() != name.lower()]
    return r


def changed(req, **kw):
    r = json.loads(json.dumps(req))
    r.update(kw)
    return r


def write(name, doc):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=True)
        f.write("\n")
    ids = [t["id"] for t in doc["tests"]]
    assert len(ids) == len(set(ids)), name + ": ids are unique"


def header_doc(verifier, notes, tests, **extra):
    doc = {"verifier": verifier, "notes": notes, "accessKeyId": AK, "secretAccessKey": SK, "now": NOW,
           "region": REGION, "service": SERVICE}
    doc.update(extra)
    doc["tests"] = tests
    return doc


# ---------------------------------------------------------------------------------------- SigV4 header

def v4_header_request(method="GET", path="/photos/cat.jpg", query="acl", body="", extra=(), amz=AMZ,
                      content_sha=None, day=DAY, region=REGION, service=SERVICE, signed_override=None,
                      authorization=None, date_header=None):
    headers = [("Host", HOST)]
    if date_header is None:
        headers.append(("x-amz-date", amz))
    else:
        headers.append(("Date", date_header))
    if content_sha is None:
        content_sha = sha256hex(body)
    if content_sha != "":
        headers.append(("x-amz-content-sha256", content_sha))
    headers.extend(extra)
    signed = sorted({n.lower() for n, _ in headers})
    if signed_override is not None:
        signed = signed_override
    payload = content_sha if content_sha != "" else sha256hex(body)
    sig = v4_signature(method, path, query, headers, signed, payload, amz=amz, day=day, region=region,
                       service=service)
    if authorization is None:
        authorization = (f"AWS4-HMAC-SHA256 Credential={AK}/{scope(day, region, service)}, "
                         f"SignedHeaders={';'.join(signed)}, Signature={sig}")
    elif callable(authorization):
        authorization = authorization(";".join(signed), sig)
    headers.append(("Authorization", authorization))
    return request(method, path, headers, query=query, body=body)


def auth(credential=None, signed_headers=None, signature=None, algorithm="AWS4-HMAC-SHA256", extra=""):
    def build(sh, sig):
        cred = credential if credential is not None else f"{AK}/{scope()}"
        return (f"{algorithm} Credential={cred}, SignedHeaders={signed_headers if signed_headers is not None else sh}"
                f", Signature={signature if signature is not None else sig}{extra}")
    return build


def sigv4_header():
    t = []
    base = v4_header_request()
    t.append(valid(1, "control: a GET signed with x-amz-date and x-amz-content-sha256 (empty body)", base))
    put = v4_header_request(method="PUT", path="/photos/cat.jpg", query=None, body="Welcome to Amazon S3.",
                            extra=[("Content-Type", "image/jpeg"), ("x-amz-meta-owner", "Jane")])
    t.append(valid(2, "control: a PUT with a body, its hash and a signed x-amz-meta-* header", put))
    dated = v4_header_request(date_header=HTTP_DATE)
    t.append(valid(3, "control: signed with an RFC 1123 Date header instead of x-amz-date", dated))

    t.append(invalid(10, "no Authorization header and no X-Amz-* query authentication",
                     without_header(base, "Authorization"), "MissingSecurityHeader"))
    a = [h for h in base["headers"] if h[0] == "Authorization"][0][1]
    t.append(invalid(11, "the Authorization header twice (two parsers would read two answers)",
                     with_header(base, "Authorization", a, replace=False), "AuthorizationHeaderMalformed"))
    t.append(invalid(12, "a second Host header (which host was signed?)",
                     with_header(base, "Host", "attacker.example.com", replace=False), "InvalidArgument"))
    both = changed(base, query="acl&X-Amz-Algorithm=AWS4-HMAC-SHA256")
    t.append(invalid(13, "Authorization header and X-Amz-Algorithm query parameter: two auth mechanisms",
                     both, "InvalidArgument"))
    t.append(invalid(14, "an algorithm other than AWS4-HMAC-SHA256",
                     v4_header_request(authorization=auth(algorithm="AWS4-HMAC-SHA512")),
                     "AuthorizationHeaderMalformed"))
    t.append(invalid(15, "an unexpected component in the Authorization header",
                     v4_header_request(authorization=auth(extra=", Foo=bar")), "AuthorizationHeaderMalformed"))
    t.append(invalid(16, "no Signature component",
                     v4_header_request(authorization=lambda sh, sig: f"AWS4-HMAC-SHA256 Credential={AK}/{scope()}, "
                                                                     f"SignedHeaders={sh}"),
                     "AuthorizationHeaderMalformed"))
    t.append(invalid(17, "Credential= twice, the second naming another key (last-wins parsers read it)",
                     v4_header_request(authorization=auth(extra=f", Credential=AKIDOTHER/{scope()}")),
                     "AuthorizationHeaderMalformed"))
    t.append(invalid(18, "SignedHeaders= twice",
                     v4_header_request(authorization=auth(extra=", SignedHeaders=host")),
                     "AuthorizationHeaderMalformed"))
    t.append(invalid(19, "Signature= twice",
                     v4_header_request(authorization=auth(extra=", Signature=" + "0" * 64)),
                     "AuthorizationHeaderMalformed"))
    t.append(invalid(20, "a Credential with four parts instead of five",
                     v4_header_request(authorization=auth(credential=f"{AK}/{DAY}/{REGION}/aws4_request")),
                     "AuthorizationHeaderMalformed"))
    t.append(invalid(21, "a Credential date that is not yyyyMMdd",
                     v4_header_request(authorization=auth(credential=f"{AK}/2024031/{REGION}/s3/aws4_request")),
                     "AuthorizationHeaderMalformed"))
    t.append(invalid(22, "the wrong region in the Credential (this endpoint is us-east-1)",
                     v4_header_request(region="eu-west-1"), "AuthorizationHeaderMalformed"))
    t.append(invalid(23, "an empty service in the Credential",
                     v4_header_request(authorization=auth(credential=f"{AK}/{DAY}/{REGION}//aws4_request")),
                     "AuthorizationHeaderMalformed"))
    t.append(invalid(24, "the wrong service in the Credential (this endpoint is s3)",
                     v4_header_request(service="iam"), "AuthorizationHeaderMalformed"))
    t.append(invalid(25, "an empty SignedHeaders", v4_header_request(authorization=auth(signed_headers="")),
                     "AuthorizationHeaderMalformed"))
    t.append(invalid(26, "SignedHeaders with an upper-case name",
                     v4_header_request(authorization=auth(signed_headers="Host;x-amz-content-sha256;x-amz-date")),
                     "AuthorizationHeaderMalformed"))
    t.append(invalid(27, "SignedHeaders lists a name twice",
                     v4_header_request(authorization=auth(signed_headers="host;host;x-amz-content-sha256;x-amz-date")),
                     "AuthorizationHeaderMalformed"))
    t.append(invalid(28, "SignedHeaders out of order (servers disagree on what that signs)",
                     v4_header_request(signed_override=["x-amz-date", "host", "x-amz-content-sha256"]),
                     "AuthorizationHeaderMalformed"))
    t.append(invalid(29, "x-amz-date twice", with_header(base, "x-amz-date", AMZ, replace=False),
                     "InvalidArgument"))
    t.append(invalid(30, "x-amz-date that is not yyyyMMdd'T'HHmmss'Z'",
                     v4_header_request(amz="2024-03-01T10:20:30Z", day=DAY), "AccessDenied"))
    t.append(invalid(31, "neither x-amz-date nor Date", without_header(base, "x-amz-date"), "AccessDenied"))
    t.append(invalid(32, "a Date in the year 0000 (was an exception out of verify)",
                     v4_header_request(date_header="01 Jan 0000 00:30:00 +0100"), "AccessDenied"))
    t.append(invalid(33, "a Date in the year 9999 with a negative offset (was an exception out of verify)",
                     v4_header_request(date_header="31 Dec 9999 23:30:00 -0100"), "AccessDenied"))
    t.append(invalid(34, "Date twice", with_header(dated, "Date", HTTP_DATE, replace=False), "InvalidArgument"))
    t.append(invalid(35, "the Credential date is not the date of x-amz-date",
                     v4_header_request(authorization=auth(credential=f"{AK}/20240302/{REGION}/s3/aws4_request")),
                     "AuthorizationHeaderMalformed"))
    t.append(invalid(36, "an access key id the server does not know",
                     v4_header_request(authorization=auth(credential=f"AKIDUNKNOWN/{scope()}")),
                     "InvalidAccessKeyId"))
    t.append(invalid(37, "signed 20 minutes before the server's time (more than 15 minutes of skew)",
                     v4_header_request(amz="20240301T100030Z"), "RequestTimeTooSkewed"))
    t.append(invalid(38, "an x-amz-meta-* header that is not signed",
                     with_header(base, "x-amz-meta-injected", "1"), "AccessDenied"))
    t.append(invalid(39, "host not in SignedHeaders",
                     v4_header_request(signed_override=["x-amz-content-sha256", "x-amz-date"]), "AccessDenied"))
    t.append(invalid(40, "an aws-chunked request handed to verify() instead of verifyStreaming()",
                     v4_header_request(method="PUT", query=None, content_sha="STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                                       extra=[("x-amz-decoded-content-length", "0")]), "InvalidRequest"))
    t.append(invalid(41, "an S3 request without x-amz-content-sha256", v4_header_request(content_sha=""),
                     "InvalidRequest"))
    t.append(invalid(42, "x-amz-content-sha256 twice",
                     with_header(base, "x-amz-content-sha256", EMPTY_SHA, replace=False), "InvalidArgument"))
    t.append(invalid(43, "x-amz-content-sha256 that is neither a mode nor 64 hex digits",
                     v4_header_request(content_sha="abc"), "InvalidArgument"))
    t.append(invalid(44, "a body other than the one whose hash was signed",
                     changed(put, body="Welcome to Amazon S4."), "XAmzContentSHA256Mismatch"))
    t.append(invalid(45, "a signature of the right length but wrong",
                     v4_header_request(authorization=auth(signature="0" * 64)), "SignatureDoesNotMatch"))
    t.append(invalid(46, "a 63-character signature",
                     v4_header_request(authorization=lambda sh, sig: auth()(sh, sig[:63])), "SignatureDoesNotMatch"))
    t.append(invalid(47, "the path changed after signing", changed(base, path="/photos/dog.jpg"),
                     "SignatureDoesNotMatch"))
    t.append(invalid(48, "a signed header's value changed after signing",
                     with_header(put, "x-amz-meta-owner", "Mallory"), "SignatureDoesNotMatch"))
    t.append(invalid(49, "a sub-resource added to the query after signing", changed(base, query="acl&versionId=2"),
                     "SignatureDoesNotMatch"))
    t.append(invalid(50, "'%' followed by non-ASCII digits (Arabic-Indic 6 1: was read as 'a')",
                     changed(base, path="/photos/c%\u0666\u0661t.jpg"), "InvalidURI"))
    t.append(invalid(51, "'%' followed by fullwidth digits", changed(base, path="/photos/c%\uff16\uff11t.jpg"),
                     "InvalidURI"))
    t.append(invalid(52, "a percent-escape that is not UTF-8 (%FF)", changed(base, path="/photos/%FF.jpg"),
                     "InvalidURI"))
    t.append(invalid(53, "a '%' not followed by two hex digits", changed(base, query="acl&prefix=%G1"), "InvalidURI"))
    t.append(invalid(54, "a lone UTF-16 surrogate in the path", changed(base, path="/photos/\ud800.jpg"),
                     "InvalidURI"))
    t.append(invalid(55, "a lone UTF-16 surrogate in a header value",
                     with_header(base, "x-amz-meta-a", "\udfff"), "InvalidArgument"))
    many = [(f"x-amz-meta-m{i:02d}", "v") for i in range(20)]
    t.append(invalid(56, "20 signed x-amz-meta-* headers and a zero signature (was a NullPointerException on a"
                         " fresh thread)", v4_header_request(extra=many, authorization=auth(signature="0" * 64)),
                     "SignatureDoesNotMatch"))
    t.append(invalid(57, "an Authorization header longer than maxAuthorizationLength (8 KiB)",
                     v4_header_request(authorization=auth(extra=", " + "x" * 8200)), "RequestHeaderSectionTooLarge"))
    t.append(invalid(58, "a request URI longer than maxUriLength (16 KiB)",
                     changed(base, query="acl&prefix=" + "a" * 16400), "InvalidURI"))
    t.append(invalid(59, "more query parameters than maxQueryParameters (1000)",
                     changed(base, query="&".join(f"p{i}=" for i in range(1001))), "InvalidURI"))
    t.append(invalid(60, "more header fields than maxHeaderCount (256)",
                     v4_header_request(extra=[(f"x-h{i}", "v") for i in range(260)]),
                     "RequestHeaderSectionTooLarge"))
    t.append(invalid(61, "header names and values longer than maxHeaderBytes (16 KiB) in all",
                     with_header(base, "x-big", "v" * 16500), "RequestHeaderSectionTooLarge"))
    t.append(invalid(62, "a lone UTF-16 surrogate in the query", changed(base, query="acl&prefix=\ud83d"),
                     "InvalidURI"))
    write("sigv4-header.json", header_doc(
        "SigV4Verifier.verify, Authorization header", "S3 endpoint us-east-1, default limits", t))


# ---------------------------------------------------------------------------------------- SigV4 presigned

def presigned(method="GET", path="/photos/cat.jpg", extra_query="", headers=(), signed=("host",), amz=AMZ,
              day=DAY, region=REGION, expires="600", payload="UNSIGNED-PAYLOAD", content_sha_param=None,
              credential=None, algorithm="AWS4-HMAC-SHA256", signed_headers=None, signature=None, body=None,
              post_query=""):
    cred = credential if credential is not None else f"{AK}/{scope(day, region)}"
    q = [("X-Amz-Algorithm", algorithm), ("X-Amz-Credential", cred), ("X-Amz-Date", amz),
         ("X-Amz-Expires", expires),
         ("X-Amz-SignedHeaders", signed_headers if signed_headers is not None else ";".join(signed))]
    if content_sha_param is not None:
        q.append(("X-Amz-Content-Sha256", content_sha_param))
    query = "&".join(enc(n) + "=" + enc(v) for n, v in q)
    if extra_query:
        query += "&" + extra_query
    hs = [("Host", HOST)] + list(headers)
    sig = v4_signature(method, path, query, hs, list(signed), content_sha_param or payload, amz=amz, day=day,
                       region=region)
    query += "&X-Amz-Signature=" + (signature if signature is not None else sig) + post_query
    return request(method, path, hs, query=query, body=body)


def sigv4_presigned():
    t = []
    base = presigned()
    t.append(valid(1, "control: a presigned GET (UNSIGNED-PAYLOAD, host signed, 600 s)", base))
    body = "Welcome to Amazon S3."
    with_sha = presigned(method="PUT", content_sha_param=sha256hex(body), body=body)
    t.append(valid(2, "control: a presigned PUT that signs X-Amz-Content-Sha256 as a query parameter", with_sha))
    t.append(invalid(10, "X-Amz-Signature twice", changed(base, query=base["query"] + "&X-Amz-Signature=" + "0" * 64),
                     "AuthorizationQueryParametersError"))
    t.append(invalid(11, "a second X-Amz-Signature spelled X-Amz-%53ignature",
                     changed(base, query=base["query"] + "&X-Amz-%53ignature=" + "0" * 64),
                     "AuthorizationQueryParametersError"))
    t.append(invalid(12, "X-Amz-Algorithm other than AWS4-HMAC-SHA256", presigned(algorithm="AWS4-HMAC-SHA1"),
                     "AuthorizationQueryParametersError"))
    t.append(invalid(13, "no X-Amz-Expires",
                     changed(base, query="&".join(p for p in base["query"].split("&")
                                                  if not p.startswith("X-Amz-Expires="))),
                     "AuthorizationQueryParametersError"))
    t.append(invalid(14, "a Credential with four parts", presigned(credential=f"{AK}/{DAY}/{REGION}/aws4_request"),
                     "AuthorizationQueryParametersError"))
    t.append(invalid(15, "a Credential date that is not yyyyMMdd",
                     presigned(credential=f"{AK}/2024-3-1/{REGION}/s3/aws4_request"),
                     "AuthorizationQueryParametersError"))
    t.append(invalid(16, "the wrong region in the Credential", presigned(region="eu-west-1"),
                     "AuthorizationQueryParametersError"))
    t.append(invalid(17, "the wrong service in the Credential",
                     presigned(credential=f"{AK}/{DAY}/{REGION}/iam/aws4_request"),
                     "AuthorizationQueryParametersError"))
    t.append(invalid(18, "an empty X-Amz-SignedHeaders", presigned(signed_headers=""),
                     "AuthorizationQueryParametersError"))
    t.append(invalid(19, "X-Amz-SignedHeaders with an upper-case name", presigned(signed_headers="Host"),
                     "AuthorizationQueryParametersError"))
    t.append(invalid(20, "X-Amz-SignedHeaders lists a name twice", presigned(signed_headers="host;host"),
                     "AuthorizationQueryParametersError"))
    t.append(invalid(21, "X-Amz-SignedHeaders out of order",
                     presigned(headers=[("x-amz-meta-a", "1")], signed=("x-amz-meta-a", "host")),
                     "AuthorizationQueryParametersError"))
    t.append(invalid(22, "X-Amz-Date that is not yyyyMMdd'T'HHmmss'Z'", presigned(amz="20240301"),
                     "AuthorizationQueryParametersError"))
    t.append(invalid(23, "X-Amz-Expires that is not a number", presigned(expires="+600"),
                     "AuthorizationQueryParametersError"))
    t.append(invalid(24, "a negative X-Amz-Expires", presigned(expires="-1"), "AuthorizationQueryParametersError"))
    t.append(invalid(25, "X-Amz-Expires of more than a week (604801 s)", presigned(expires="604801"),
                     "AuthorizationQueryParametersError"))
    t.append(invalid(26, "the Credential date is not the date of X-Amz-Date",
                     presigned(credential=f"{AK}/20240229/{REGION}/s3/aws4_request"),
                     "AuthorizationQueryParametersError"))
    t.append(invalid(27, "an access key id the server does not know",
                     presigned(credential=f"AKIDUNKNOWN/{scope()}"), "InvalidAccessKeyId"))
    t.append(invalid(28, "X-Amz-Date 20 minutes after the server's time (not valid yet)",
                     presigned(amz="20240301T104030Z"), "AccessDenied"))
    t.append(invalid(29, "expired: signed at 10:00:00 for 600 s, received at 10:20:30",
                     presigned(amz="20240301T100000Z"), "AccessDenied"))
    t.append(invalid(30, "an x-amz-* header that is not signed", with_header(base, "x-amz-meta-a", "1"),
                     "AccessDenied"))
    t.append(invalid(31, "X-Amz-Content-Sha256 that is neither UNSIGNED-PAYLOAD nor 64 hex digits",
                     presigned(content_sha_param="xyz"), "AuthorizationQueryParametersError"))
    t.append(invalid(32, "X-Amz-Content-Sha256 query parameter and a signed x-amz-content-sha256 header differ",
                     presigned(method="PUT", content_sha_param=sha256hex(body), body=body,
                               headers=[("x-amz-content-sha256", "UNSIGNED-PAYLOAD")],
                               signed=("host", "x-amz-content-sha256")), "InvalidArgument"))
    t.append(invalid(33, "a body other than the one whose hash the URL signs (was accepted with any body)",
                     changed(with_sha, body="Welcome to Amazon S4."), "XAmzContentSHA256Mismatch"))
    t.append(invalid(34, "a streaming x-amz-content-sha256 on a presigned URL",
                     presigned(method="PUT", content_sha_param="STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
                     "InvalidRequest"))
    t.append(invalid(35, "presigned query and an Authorization header",
                     with_header(base, "Authorization", f"AWS4-HMAC-SHA256 Credential={AK}/{scope()}, "
                                                         f"SignedHeaders=host, Signature={'0' * 64}"),
                     "InvalidArgument"))
    t.append(invalid(36, "a query parameter added after signing",
                     changed(base, query=base["query"] + "&response-content-type=text%2Fhtml"),
                     "SignatureDoesNotMatch"))
    t.append(invalid(37, "the method changed after signing", changed(base, method="DELETE"),
                     "SignatureDoesNotMatch"))
    t.append(invalid(38, "a second Host header", with_header(base, "Host", "attacker.example.com", replace=False),
                     "InvalidArgument"))
    write("sigv4-presigned.json", header_doc(
        "SigV4Verifier.verify, presigned URL (query authentication)", "S3 endpoint us-east-1, default limits", t))


# ---------------------------------------------------------------------------------------- aws-chunked

CHUNK_DATA = ["Welcome to Amazon S3, chunk one. ", "and chunk two"]


def chunk_sig(prev, data, day=DAY):
    sts = "\n".join(["AWS4-HMAC-SHA256-PAYLOAD", AMZ, scope(day), prev, EMPTY_SHA, sha256hex(data)])
    return hmac.new(signing_key(day=day), sts.encode(), hashlib.sha256).hexdigest()


def trailer_sig(prev, trailer_text):
    sts = "\n".join(["AWS4-HMAC-SHA256-TRAILER", AMZ, scope(), prev, sha256hex(trailer_text)])
    return hmac.new(signing_key(), sts.encode(), hashlib.sha256).hexdigest()


def crc32_b64(data):
    return base64.b64encode(zlib.crc32(data.encode()).to_bytes(4, "big")).decode()


def chunked(mode="STREAMING-AWS4-HMAC-SHA256-PAYLOAD", chunks=CHUNK_DATA, decoded_length=None, tail="",
            trailer_lines=None, content_length=True, checksum_value=None, tamper_chunk=None, trailer_extra=(),
            headers_extra=(), x_amz_trailer="x-amz-checksum-crc32", final_sig=None, trailer_signature=None,
            chunk_header=None):
    data = "".join(chunks)
    headers = [("Host", HOST), ("x-amz-date", AMZ), ("x-amz-content-sha256", mode),
               ("x-amz-decoded-content-length", str(len(data) if decoded_length is None else decoded_length))]
    has_trailer = mode.endswith("TRAILER")
    if has_trailer:
        headers.append(("x-amz-trailer", x_amz_trailer))
    headers.append(("Content-Encoding", "aws-chunked"))
    headers.extend(headers_extra)
    signed = sorted({n.lower() for n, _ in headers if n.lower() != "content-encoding"})
    seed = v4_signature("PUT", "/big", None, headers, signed, mode)
    headers.append(("Authorization", f"AWS4-HMAC-SHA256 Credential={AK}/{scope()}, "
                                     f"SignedHeaders={';'.join(signed)}, Signature={seed}"))
    signed_chunks = mode.startswith("STREAMING-AWS4")
    body = ""
    prev = seed
    for i, c in enumerate(chunks + [""]):
        if signed_chunks:
            sig = chunk_sig(prev, c)
            prev = sig
            if c == "" and final_sig is not None:
                sig = final_sig
            header = f"{len(c):x};chunk-signature={sig}"
        else:
            header = f"{len(c):x}"
        if chunk_header is not None and i == 0:
            header = chunk_header
        sent = c if tamper_chunk is None or i != 0 else tamper_chunk
        body += header + "\r\n" + (sent + "\r\n" if c != "" else "")
    if has_trailer:
        value = checksum_value if checksum_value is not None else crc32_b64(data)
        lines = [f"x-amz-checksum-crc32:{value}"] if trailer_lines is None else list(trailer_lines)
        for line in lines:
            body += line + "\r\n"
        if signed_chunks:
            tsig = trailer_sig(prev, f"x-amz-checksum-crc32:{value}\n")
            body += f"x-amz-trailer-signature:{trailer_signature or tsig}\r\n"
        for line in trailer_extra:
            body += line + "\r\n"
        body += "\r\n"
    else:
        body += "\r\n"
    body += tail
    if content_length is True:
        headers.append(("Content-Length", str(len(body.encode()))))
    elif content_length is not None:
        headers.append(("Content-Length", content_length))
    return request("PUT", "/big", headers, body=body)


def sigv4_chunked():
    t = []
    signed = chunked()
    t.append(valid(1, "control: STREAMING-AWS4-HMAC-SHA256-PAYLOAD, two chunks and the final chunk", signed))
    trailer = chunked(mode="STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER")
    t.append(valid(2, "control: signed chunks with a signed CRC32 trailer", trailer))
    unsigned = chunked(mode="STREAMING-UNSIGNED-PAYLOAD-TRAILER")
    t.append(valid(3, "control: unsigned chunks with a CRC32 trailer", unsigned))
    t.append(valid(4, "control: framed by Transfer-Encoding, no Content-Length",
                   chunked(content_length=None, headers_extra=[("Transfer-Encoding", "chunked")])))
    # the request (verifyStreaming refuses it before reading the body)
    t.append(invalid(10, "no Authorization: an aws-chunked upload is header-signed",
                     without_header(signed, "Authorization"), "InvalidRequest", "request"))
    t.append(invalid(11, "x-amz-content-sha256 is a body hash, not a streaming mode",
                     chunked(mode=EMPTY_SHA), "InvalidRequest", "request"))
    t.append(invalid(12, "x-amz-decoded-content-length twice",
                     chunked(headers_extra=[("x-amz-decoded-content-length", "46")]), "InvalidArgument", "request"))
    t.append(invalid(13, "x-amz-decoded-content-length that is not a number", chunked(decoded_length="4x"),
                     "InvalidRequest", "request"))
    t.append(invalid(14, "x-amz-trailer names no supported checksum",
                     chunked(mode="STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", x_amz_trailer="x-amz-checksum-md5"),
                     "InvalidRequest", "request"))
    t.append(invalid(15, "Content-Length that is not a decimal number", chunked(content_length="0x10"),
                     "InvalidArgument", "request"))
    t.append(invalid(16, "the seed signature is wrong",
                     with_header(signed, "Authorization", f"AWS4-HMAC-SHA256 Credential={AK}/{scope()}, SignedHeaders="
                                 "host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length, Signature="
                                 + "0" * 64), "SignatureDoesNotMatch", "request"))
    t.append(invalid(17, "more header fields than maxHeaderCount (256): refused before the body is read",
                     chunked(headers_extra=[(f"x-h{i}", "v") for i in range(260)]), "RequestHeaderSectionTooLarge",
                     "request"))
    # the body (the stream throws AwsChunkedException while it is read)
    t.append(invalid(20, "the body ends inside a chunk header", changed(signed, body=signed["body"][:30]),
                     "IncompleteBody", "body"))
    t.append(invalid(21, "a chunk header ended by CR without LF",
                     chunked(chunk_header="21;chunk-signature=" + "0" * 64 + "\rX"), "IncompleteBody", "body"))
    t.append(invalid(22, "a chunk header longer than maxChunkHeaderLength (4 KiB)",
                     chunked(chunk_header="21;" + "x" * 5000), "IncompleteBody", "body"))
    t.append(invalid(23, "a chunk header without a size", chunked(chunk_header=";chunk-signature=" + "0" * 64),
                     "IncompleteBody", "body"))
    t.append(invalid(24, "a chunk size that is not hex", chunked(chunk_header="2g;chunk-signature=" + "0" * 64),
                     "IncompleteBody", "body"))
    t.append(invalid(25, "a chunk size with more than 8 hex digits",
                     chunked(chunk_header="000000021;chunk-signature=" + "0" * 64), "IncompleteBody", "body"))
    t.append(invalid(26, "a chunk larger than the largest chunk accepted (16 MiB)",
                     chunked(chunk_header="1000001;chunk-signature=" + "0" * 64), "InvalidRequest", "body"))
    t.append(invalid(27, "a signed chunk without chunk-signature", chunked(chunk_header="21"), "IncompleteBody",
                     "body"))
    t.append(invalid(28, "a chunk-signature of 63 hex digits",
                     chunked(chunk_header="21;chunk-signature=" + "0" * 63), "IncompleteBody", "body"))
    t.append(invalid(29, "the body ends inside a chunk's data",
                     changed(signed, body=signed["body"][:signed["body"].index("\r\n") + 10]),
                     "IncompleteBody", "body"))
    t.append(invalid(30, "a chunk's data not followed by CRLF (the size says fewer bytes than are sent)",
                     chunked(tamper_chunk=CHUNK_DATA[0] + "!"), "IncompleteBody", "body"))
    t.append(invalid(31, "a chunk's data changed after signing",
                     chunked(tamper_chunk=CHUNK_DATA[0].upper()), "SignatureDoesNotMatch", "body"))
    t.append(invalid(32, "the final chunk's signature is wrong", chunked(final_sig="0" * 64),
                     "SignatureDoesNotMatch", "body"))
    t.append(invalid(33, "more data than x-amz-decoded-content-length", chunked(decoded_length=10),
                     "IncompleteBody", "body"))
    t.append(invalid(34, "less data than x-amz-decoded-content-length", chunked(decoded_length=100),
                     "IncompleteBody", "body"))
    t.append(invalid(35, "data after the final chunk's empty line (no trailer mode)",
                     chunked(tail="x"), "IncompleteBody", "body"))
    pipelined = valid(36, "framed by Transfer-Encoding: the next (pipelined) request after the final chunk is left"
                          " unread on the connection (was swallowed by the 16 KiB read-ahead)",
                      chunked(tail="GET / HTTP/1.1\r\nHost: x\r\n\r\n", content_length=None,
                              headers_extra=[("Transfer-Encoding", "chunked")]))
    pipelined["unread"] = "GET / HTTP/1.1\r\nHost: x\r\n\r\n"
    t.append(pipelined)
    t.append(invalid(52, "a line of data where the empty line after the final chunk belongs",
                     changed(signed, body=signed["body"][:-2] + "X\r\n"), "IncompleteBody", "body"))
    t.append(invalid(37, "Content-Length larger than the aws-chunked body", chunked(content_length="9999"),
                     "IncompleteBody", "body"))
    t.append(invalid(38, "a trailer line without ':'",
                     chunked(mode="STREAMING-UNSIGNED-PAYLOAD-TRAILER", trailer_lines=["x-amz-checksum-crc32"]),
                     "IncompleteBody", "body"))
    t.append(invalid(39, "a trailer line with a control character (NUL before the name)",
                     chunked(mode="STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                             trailer_lines=["\u0000x-amz-checksum-crc32:" + crc32_b64("".join(CHUNK_DATA))]),
                     "InvalidRequest", "body"))
    t.append(invalid(40, "x-amz-trailer-signature twice",
                     chunked(mode="STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                             trailer_extra=["x-amz-trailer-signature:" + "0" * 64]), "InvalidRequest", "body"))
    t.append(invalid(41, "the checksum twice in the trailer",
                     chunked(mode="STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                             trailer_lines=["x-amz-checksum-crc32:" + crc32_b64("".join(CHUNK_DATA))] * 2),
                     "InvalidRequest", "body"))
    t.append(invalid(42, "a trailer header that x-amz-trailer did not declare",
                     chunked(mode="STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                             trailer_lines=["x-amz-checksum-crc32:" + crc32_b64("".join(CHUNK_DATA)),
                                            "x-amz-meta-late:1"]), "InvalidRequest", "body"))
    t.append(invalid(43, "a trailer without the declared checksum",
                     chunked(mode="STREAMING-UNSIGNED-PAYLOAD-TRAILER", trailer_lines=[]), "IncompleteBody", "body"))
    t.append(invalid(44, "a signed trailer without x-amz-trailer-signature",
                     changed(trailer, body=trailer["body"].replace(
                         trailer["body"][trailer["body"].index("x-amz-trailer-signature:"):].split("\r\n")[0] + "\r\n",
                         "")), "IncompleteBody", "body"))
    t.append(invalid(45, "the trailer signature is wrong",
                     chunked(mode="STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", trailer_signature="0" * 64),
                     "SignatureDoesNotMatch", "body"))
    t.append(invalid(46, "a trailer checksum that does not match the data (signed trailer)",
                     chunked(mode="STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", checksum_value="AAAAAA=="),
                     "BadDigest", "body"))
    t.append(invalid(47, "unsigned trailer: data changed, checksum kept (the checksum is the only check)",
                     chunked(mode="STREAMING-UNSIGNED-PAYLOAD-TRAILER", tamper_chunk=CHUNK_DATA[0].upper()),
                     "BadDigest", "body"))
    t.append(invalid(48, "a trailer longer than maxTrailerBytes (16 KiB)",
                     chunked(mode="STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                             trailer_lines=["x-amz-checksum-crc32:" + "A" * 17000]), "IncompleteBody", "body"))
    t.append(invalid(49, "the body ends inside the trailer",
                     changed(unsigned, body=unsigned["body"][:-6]), "IncompleteBody", "body"))
    after_trailer = valid(50, "framed by Transfer-Encoding: what follows the trailer's empty line is left unread",
                          chunked(mode="STREAMING-UNSIGNED-PAYLOAD-TRAILER", tail="PUT /next", content_length=None,
                                  headers_extra=[("Transfer-Encoding", "chunked")]))
    after_trailer["unread"] = "PUT /next"
    t.append(after_trailer)
    t.append(invalid(51, "Content-Length counts bytes after the trailer's empty line",
                     chunked(mode="STREAMING-UNSIGNED-PAYLOAD-TRAILER", tail="PUT"), "IncompleteBody", "body"))
    write("sigv4-chunked.json", header_doc(
        "SigV4Verifier.verifyStreaming, aws-chunked body",
        "S3 endpoint us-east-1, default limits; the body is read to its end in 7-byte reads", t))


# ---------------------------------------------------------------------------------------- SigV2 S3

V2_HOST = "s3.amazonaws.com"


def v2_sign(sts):
    return base64.b64encode(hmac.new(SK.encode(), sts.encode(), hashlib.sha1).digest()).decode()


def v2_header(method="GET", path="/examplebucket/photos/puppy.jpg", query=None, date=HTTP_DATE, amz=(),
              resource=None, content_type="", key=AK, signature=None, auth_override=None):
    headers = [("Host", V2_HOST)]
    if date is not None:
        headers.append(("Date", date))
    if content_type:
        headers.append(("Content-Type", content_type))
    headers.extend(amz)
    canon_amz = "".join(f"{n.lower()}:{v}\n" for n, v in sorted(amz, key=lambda h: h[0].lower()))
    res = resource if resource is not None else path + (("?" + query) if query else "")
    sts = f"{method}\n\n{content_type}\n{date or ''}\n{canon_amz}{res}"
    sig = signature if signature is not None else v2_sign(sts)
    headers.append(("Authorization", auth_override or f"AWS {key}:{sig}"))
    return request(method, path, headers, query=query, host=V2_HOST)


def v2_query(method="GET", path="/examplebucket/photos/puppy.jpg", expires="1709288430", key=AK, extra="",
             headers=(), amz_in_sts="", signature=None):
    sts = f"{method}\n\n\n{expires}\n{amz_in_sts}{path}"
    sig = signature if signature is not None else v2_sign(sts)
    q = f"AWSAccessKeyId={enc(key)}&Expires={expires}&Signature={enc(sig)}{extra}"
    return request(method, path, [("Host", V2_HOST)] + list(headers), query=q, host=V2_HOST)


def sigv2_s3():
    t = []
    base = v2_header()
    t.append(valid(1, "control: Authorization: AWS id:signature, path-style, Date header", base))
    acl = v2_header(query="acl", amz=[("x-amz-meta-owner", "Jane")])
    t.append(valid(2, "control: the acl sub-resource and a signed x-amz-meta-* header", acl))
    q = v2_query()
    t.append(valid(3, "control: query-string authentication (AWSAccessKeyId, Expires, Signature)", q))
    t.append(invalid(10, "no Authorization and no Signature/AWSAccessKeyId query", without_header(base, "Authorization"),
                     "MissingSecurityHeader"))
    t.append(invalid(11, "Authorization header and query-string authentication",
                     changed(base, query="AWSAccessKeyId=" + AK + "&Signature=x&Expires=1"), "InvalidArgument"))
    t.append(invalid(12, "an Authorization that is not 'AWS id:signature'",
                     v2_header(auth_override="AWS4-HMAC-SHA256 Credential=x"), "InvalidArgument"))
    t.append(invalid(13, "'AWS id' without ':signature'", v2_header(auth_override="AWS " + AK), "InvalidArgument"))
    t.append(invalid(14, "'AWS id:sig:more' (two colons)", v2_header(auth_override="AWS " + AK + ":a:b"),
                     "InvalidArgument"))
    t.append(invalid(15, "a signed x-amz-* header moved into the query (header auth signs x-amz-* headers only)",
                     changed(acl, query="acl&x-amz-meta-owner=Jane",
                             headers=[h for h in acl["headers"] if h[0] != "x-amz-meta-owner"]),
                     "InvalidArgument"))
    t.append(invalid(16, "an access key id the server does not know", v2_header(key="AKIDUNKNOWN"),
                     "InvalidAccessKeyId"))
    t.append(invalid(17, "no Date and no x-amz-date", v2_header(date=None), "AccessDenied"))
    t.append(invalid(18, "a Date 20 minutes before the server's time", v2_header(date="Fri, 01 Mar 2024 10:00:30 GMT"),
                     "RequestTimeTooSkewed"))
    t.append(invalid(19, "a wrong signature", v2_header(signature="AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
                     "SignatureDoesNotMatch"))
    t.append(invalid(20, "a signed x-amz-meta-* value changed", with_header(acl, "x-amz-meta-owner", "Mallory"),
                     "SignatureDoesNotMatch"))
    t.append(invalid(21, "a sub-resource added after signing", changed(base, query="acl"), "SignatureDoesNotMatch"))
    t.append(invalid(22, "a second Host header", with_header(base, "Host", "attacker.example.com", replace=False),
                     "InvalidArgument"))
    t.append(invalid(23, "a lone UTF-16 surrogate in the path", changed(base, path="/examplebucket/\ud800"),
                     "InvalidURI"))
    t.append(invalid(24, "a '%' not followed by two hex digits in the query", changed(base, query="acl=%G1"),
                     "InvalidURI"))
    t.append(invalid(25, "query auth: Signature twice", changed(q, query=q["query"] + "&Signature=AAAA"),
                     "InvalidArgument"))
    t.append(invalid(26, "query auth: no Expires",
                     changed(q, query="&".join(p for p in q["query"].split("&") if not p.startswith("Expires="))),
                     "AccessDenied"))
    t.append(invalid(27, "query auth: an x-amz-* value both as a header and as a query parameter",
                     v2_query(extra="&x-amz-security-token=a", headers=[("x-amz-security-token", "b")]),
                     "InvalidArgument"))
    t.append(invalid(28, "query auth: Expires that is not seconds since the epoch", v2_query(expires="2024-03-01"),
                     "AccessDenied"))
    t.append(invalid(29, "query auth: an unknown access key id", v2_query(key="AKIDUNKNOWN"), "InvalidAccessKeyId"))
    t.append(invalid(30, "query auth: expired (Expires 10:00:00, received 10:20:30)", v2_query(expires="1709287200"),
                     "AccessDenied"))
    t.append(invalid(31, "query auth: a wrong signature", v2_query(signature="AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
                     "SignatureDoesNotMatch"))
    t.append(invalid(32, "more query parameters than maxQueryParameters (1000)",
                     changed(base, query="&".join(f"p{i}" for i in range(1001))), "InvalidURI"))
    write("sigv2-s3.json", header_doc("S3V2Verifier.verify (S3 SigV2 header and query-string auth)",
                                      "path-style host s3.amazonaws.com, default limits", t,
                                      region=None, service="s3"))


# ---------------------------------------------------------------------------------------- query API

Q_HOST = "ec2.amazonaws.com"


def query_api(method="GET", params=None, sig_method="HmacSHA256", signature=None, drop=(), extra="", body_mode=False,
              url_query=None):
    p = {"Action": "DescribeInstances", "Version": "2016-11-15", "AWSAccessKeyId": AK, "SignatureVersion": "2",
         "SignatureMethod": sig_method, "Timestamp": "2024-03-01T10:20:30Z"}
    if params:
        p.update(params)
    for d in drop:
        p.pop(d, None)
    canonical = "&".join(enc(k) + "=" + enc(v) for k, v in sorted(p.items()))
    sts = f"{method}\n{Q_HOST}\n/\n{canonical}"
    digest = hashlib.sha256 if sig_method == "HmacSHA256" else hashlib.sha1
    sig = signature if signature is not None else base64.b64encode(
        hmac.new(SK.encode(), sts.encode(), digest).digest()).decode()
    text = canonical + "&Signature=" + enc(sig) + extra
    headers = [("Host", Q_HOST)]
    if body_mode:
        headers.append(("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"))
        return request(method, "/", headers, query=url_query, body=text, host=Q_HOST)
    return request(method, "/", headers, query=text, host=Q_HOST)


def sigv2_query():
    t = []
    base = query_api()
    t.append(valid(1, "control: GET, HmacSHA256, Timestamp", base))
    post = query_api(method="POST", body_mode=True)
    t.append(valid(2, "control: POST with the parameters in the form body", post))
    t.append(valid(3, "control: HmacSHA1", query_api(sig_method="HmacSHA1")))
    t.append(invalid(10, "POST with a signed form body and an unsigned URL query (servers that read the URL first"
                         " would act on it)",
                     query_api(method="POST", body_mode=True, url_query="Action=TerminateInstances"), "InvalidArgument"))
    t.append(invalid(11, "no Signature and no AWSAccessKeyId",
                     request("GET", "/", [("Host", Q_HOST)], query="Action=DescribeInstances", host=Q_HOST),
                     "MissingSecurityHeader"))
    t.append(invalid(12, "Signature twice", changed(base, query=base["query"] + "&Signature=AAAA"), "InvalidArgument"))
    t.append(invalid(13, "Timestamp twice", changed(base, query=base["query"] + "&Timestamp=2030-01-01T00%3A00%3A00Z"),
                     "InvalidArgument"))
    t.append(invalid(14, "no SignatureMethod", query_api(drop=("SignatureMethod",)), "InvalidArgument"))
    t.append(invalid(15, "SignatureVersion 1", query_api(params={"SignatureVersion": "1"}), "InvalidArgument"))
    t.append(invalid(16, "SignatureMethod HmacMD5", query_api(sig_method="HmacMD5", signature="AAAA"),
                     "InvalidArgument"))
    t.append(invalid(17, "both Timestamp and Expires", query_api(params={"Expires": "2024-03-01T10:30:00Z"}),
                     "InvalidArgument"))
    t.append(invalid(18, "a Timestamp that is not ISO 8601", query_api(params={"Timestamp": "yesterday"}),
                     "InvalidArgument"))
    t.append(invalid(19, "an unknown access key id", query_api(params={"AWSAccessKeyId": "AKIDUNKNOWN"}),
                     "InvalidAccessKeyId"))
    t.append(invalid(20, "a Timestamp 20 minutes old", query_api(params={"Timestamp": "2024-03-01T10:00:30Z"}),
                     "RequestTimeTooSkewed"))
    t.append(invalid(21, "Expires in the past", query_api(drop=("Timestamp",),
                                                          params={"Expires": "2024-03-01T10:00:00Z"}),
                     "AccessDenied"))
    t.append(invalid(22, "a wrong signature", query_api(signature="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
                     "SignatureDoesNotMatch"))
    t.append(invalid(23, "a parameter added after signing", changed(base, query=base["query"] + "&DryRun=true"),
                     "SignatureDoesNotMatch"))
    t.append(invalid(24, "'%' followed by non-ASCII digits in a value",
                     changed(base, query=base["query"] + "&Filter=%\u0666\u0661"), "InvalidURI"))
    t.append(invalid(25, "more parameters than maxQueryParameters (1000) in the form body",
                     changed(post, body="&".join(f"p{i}=" for i in range(1001))), "InvalidURI"))
    write("sigv2-query.json", header_doc("QueryV2Verifier.verify (query API, SignatureVersion 2)",
                                         "host ec2.amazonaws.com, default limits", t, region=None, service="ec2"))


# ---------------------------------------------------------------------------------------- POST policy

def policy_b64(expiration="2024-03-01T12:00:00.000Z", conditions=None, raw=None, v4=True):
    if raw is None:
        if conditions is None:
            conditions = [{"bucket": "examplebucket"}, ["starts-with", "$key", "user/"],
                          {"acl": "public-read"}, ["content-length-range", 1, 1024]]
            if v4:
                conditions += [{"x-amz-algorithm": "AWS4-HMAC-SHA256"},
                               {"x-amz-credential": f"{AK}/{scope()}"}, {"x-amz-date": AMZ}]
        raw = json.dumps({"expiration": expiration, "conditions": conditions}, separators=(",", ":"))
    return base64.b64encode(raw.encode()).decode()


def post_v4(policy=None, key="user/cat.jpg", size=10, extra=(), drop=(), day=DAY, region=REGION, service=SERVICE,
            credential=None, algorithm="AWS4-HMAC-SHA256", amz=AMZ, signature=None, access_key=AK):
    p = policy if policy is not None else policy_b64()
    sig = hmac.new(signing_key(day=day, region=region, service=service), p.encode(), hashlib.sha256).hexdigest()
    fields = [("key", key), ("acl", "public-read"), ("x-amz-algorithm", algorithm),
              ("x-amz-credential", credential or f"{access_key}/{scope(day, region, service)}"), ("x-amz-date", amz),
              ("policy", p), ("x-amz-signature", signature or sig)]
    fields = [f for f in fields if f[0] not in drop] + list(extra)
    return {"bucket": "examplebucket", "fields": [list(f) for f in fields], "fileName": "cat.jpg", "fileSize": size}


def post_v2(policy=None, extra=()):
    p = policy if policy is not None else policy_b64(v4=False)
    sig = base64.b64encode(hmac.new(SK.encode(), p.encode(), hashlib.sha1).digest()).decode()
    fields = [("key", "user/cat.jpg"), ("acl", "public-read"), ("AWSAccessKeyId", AK), ("policy", p),
              ("signature", sig)] + list(extra)
    return {"bucket": "examplebucket", "fields": [list(f) for f in fields], "fileName": "cat.jpg", "fileSize": 10}


def post():
    t = []
    base = post_v4()
    t.append(valid(1, "control: a SigV4-signed form within its policy", base))
    t.append(valid(2, "control: a SigV2-signed form within its policy", post_v2()))
    t.append(invalid(10, "a lone UTF-16 surrogate in a field value", post_v4(extra=[("x-amz-meta-a", "\ud800")]),
                     "MalformedPOSTRequest"))
    t.append(invalid(11, "more than maxPostFieldsBytes (20 KiB) of fields before the file",
                     post_v4(extra=[("x-amz-meta-big", "v" * 21000)]), "MaxPostPreDataLengthExceededError"))
    t.append(invalid(12, "a field with an empty name", post_v4(extra=[("", "v")]), "MalformedPOSTRequest"))
    t.append(invalid(13, "a field twice, in two spellings (key and Key)", post_v4(extra=[("Key", "user/other")]),
                     "MalformedPOSTRequest"))
    t.append(invalid(14, "SigV4 and SigV2 fields in one form", post_v4(extra=[("AWSAccessKeyId", AK)]),
                     "InvalidArgument"))
    t.append(invalid(15, "an unsigned form (no signature fields, no policy)",
                     {"bucket": "examplebucket", "fields": [["key", "user/cat.jpg"]], "fileName": "cat.jpg",
                      "fileSize": 10}, "AccessDenied"))
    t.append(invalid(16, "a policy but no AWSAccessKeyId and no x-amz-* fields",
                     {"bucket": "examplebucket", "fields": [["key", "user/cat.jpg"], ["policy", policy_b64()]],
                      "fileName": "cat.jpg", "fileSize": 10}, "InvalidArgument"))
    t.append(invalid(17, "no policy field", post_v4(drop=("policy",)), "InvalidArgument"))
    t.append(invalid(18, "no x-amz-date field", post_v4(drop=("x-amz-date",)), "InvalidArgument"))
    t.append(invalid(19, "no key field", post_v4(drop=("key",)), "InvalidArgument"))
    t.append(invalid(20, "a policy field of more than 20 KiB: the fields before the file are too large (the"
                         " policy's own limit, maxPolicyLength 64 KiB, is above maxPostFieldsBytes by default)",
                     post_v4(policy=policy_b64(raw=json.dumps({"expiration": "2024-03-01T12:00:00.000Z",
                                                               "conditions": [], "pad": "x" * 50000}))),
                     "MaxPostPreDataLengthExceededError"))
    t.append(invalid(21, "x-amz-algorithm other than AWS4-HMAC-SHA256", post_v4(algorithm="AWS4-HMAC-SHA1"),
                     "InvalidArgument"))
    t.append(invalid(22, "an x-amz-credential with four parts",
                     post_v4(credential=f"{AK}/{DAY}/{REGION}/aws4_request"), "InvalidArgument"))
    t.append(invalid(23, "an x-amz-date that is not yyyyMMdd'T'HHmmss'Z'", post_v4(amz="2024-03-01"),
                     "InvalidArgument"))
    t.append(invalid(24, "the credential date is not the date of x-amz-date", post_v4(day="20240229"),
                     "InvalidArgument"))
    t.append(invalid(25, "the wrong region in x-amz-credential", post_v4(region="eu-west-1"),
                     "AuthorizationHeaderMalformed"))
    t.append(invalid(26, "the wrong service in x-amz-credential", post_v4(service="iam"),
                     "AuthorizationHeaderMalformed"))
    t.append(invalid(27, "an access key id the server does not know", post_v4(access_key="AKIDUNKNOWN"),
                     "InvalidAccessKeyId"))
    t.append(invalid(28, "a wrong signature", post_v4(signature="0" * 64), "SignatureDoesNotMatch"))
    t.append(invalid(29, "a signed policy that is not JSON", post_v4(policy=policy_b64(raw="{not json")),
                     "InvalidPolicyDocument"))
    t.append(invalid(30, "a signed policy that expired at 10:00", post_v4(policy=policy_b64(
        expiration="2024-03-01T10:00:00.000Z")), "AccessDenied"))
    t.append(invalid(31, "a key outside the policy's starts-with", post_v4(key="admin/cat.jpg"), "AccessDenied"))
    t.append(invalid(32, "a field the policy does not name", post_v4(extra=[("x-amz-meta-extra", "1")]),
                     "AccessDenied"))
    t.append(invalid(33, "a file larger than content-length-range", post_v4(size=2048), "EntityTooLarge"))
    t.append(invalid(34, "a file smaller than content-length-range", post_v4(size=0), "EntityTooSmall"))
    t.append(invalid(35, "a file larger than S3's 5 GiB limit for a POST upload", post_v4(size=5 * 1024 ** 3 + 1),
                     "EntityTooLarge"))
    write("post.json", header_doc("PostPolicyEnforcer.verify (browser POST form)",
                                  "bucket examplebucket, region us-east-1, service s3, default limits", t))


if __name__ == "__main__":
    sigv4_header()
    sigv4_presigned()
    sigv4_chunked()
    sigv2_s3()
    sigv2_query()
    post()
    print("written to", os.path.normpath(OUT))
