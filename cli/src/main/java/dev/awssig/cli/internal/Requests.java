package dev.awssig.cli.internal;

import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.SignableRequest;
import java.util.List;

/** Builds {@link SignableRequest}s from user input, turning bad input into messages that name the option. */
final class Requests {
    private Requests() {
    }

    /** Splits {@code Name: value}. */
    static Headers.Header parseHeader(String text, String field) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new UserException(field + ": expected 'Name: value', was '" + text + "'");
        }
        String name = text.substring(0, colon).strip();
        String value = text.substring(colon + 1).strip();
        try {
            return new Headers.Header(name, value);
        } catch (IllegalArgumentException e) {
            throw new UserException(field + ": " + Cli.oneLine(e.getMessage()));
        }
    }

    static SignableRequest build(String method, String url, List<Headers.Header> headers, Payload payload,
                                 String methodField, String urlField) {
        SignableRequest.Builder b = SignableRequest.builder();
        try {
            b.method(method);
        } catch (IllegalArgumentException e) {
            throw new UserException(methodField + ": '" + method + "' is not an HTTP method");
        }
        try {
            b.uri(url);
        } catch (IllegalArgumentException e) {
            throw new UserException(urlField + ": " + stripField(Cli.oneLine(e.getMessage()), "uri"));
        }
        for (Headers.Header h : headers) {
            b.header(h.name(), h.value());
        }
        return b.payload(payload).build();
    }

    private static String stripField(String message, String field) {
        return message.startsWith(field + ": ") ? message.substring(field.length() + 2) : message;
    }
}
