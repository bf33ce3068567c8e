package dev.awssig.internal;

import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.VerificationResult;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A trusted path into the request model for the signers of this project: builds {@link Headers}
 * and {@link SignableRequest} values from parts the caller has already validated, without
 * copying or checking them again. Internal: exported only to the sibling modules of this project;
 * never hand it values that did not come from a validated {@link Headers.Header} or request.
 *
 * <p>On the module path only the sibling modules can link to this class. On the class path every
 * class can, so {@link #bridge()} checks its caller: only classes of this project's packages
 * ({@code dev.awssig}, {@code dev.awssig.internal} and the modules' {@code dev.awssig.*.internal}
 * packages) get the bridge; any other caller gets an {@link IllegalCallerException}, so that no
 * application code can build an unchecked header (a value with CR or LF) from its input. The
 * check walks the stack: a class that uses the bridge on a hot path keeps it in a private static
 * final field.
 *
 * @since 0.1.0
 */
public final class ApiAccess {
    /**
     * Sees hidden frames too: a method reference ({@code ApiAccess::bridge}) runs in a hidden class
     * of the package that wrote it, which must not pass for the code it is handed to.
     */
    private static final StackWalker WALKER = StackWalker.getInstance(java.util.Set.of(
            StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_HIDDEN_FRAMES));
    private static volatile Bridge bridge;

    private ApiAccess() {
    }

    /**
     * The operations the request model grants to this package.
     *
     * @since 0.1.0
     */
    public interface Bridge {
        /**
         * Headers holding exactly the given entries, in order, without copying the array.
         *
         * @param entries validated entries; the caller must not change the array afterwards
         * @return the headers
         * @since 0.1.0
         */
        Headers headers(Headers.Header[] entries);

        /**
         * A header entry without the name and value checks: only for a name that is a token and a
         * value without CR, LF or NUL by construction (for example an {@code Authorization} value
         * the signer assembled from validated parts).
         *
         * @param name a valid header name
         * @param value a valid header value, not null
         * @return the entry
         * @since 0.1.0
         */
        Headers.Header trustedHeader(String name, String value);

        /**
         * A copy of a request with other headers and payload and every other part unchanged,
         * without validating the parts again.
         *
         * @param request the request
         * @param headers its new headers
         * @param payload its new payload
         * @return the new request
         * @since 0.1.0
         */
        SignableRequest withHeaders(SignableRequest request, Headers headers, Payload payload);

        /**
         * A copy of a request with another raw path and query and every other part unchanged,
         * without validating them again (the path must start with {@code /}).
         *
         * @param request the request
         * @param rawPath its new raw path
         * @param rawQuery its new raw query, or null
         * @return the new request
         * @since 0.2.0
         */
        SignableRequest withPathAndQuery(SignableRequest request, String rawPath, String rawQuery);

        /**
         * A presigned URL from parts the presigner produced, without validating them again; its
         * canonical request ({@code explanation.apply(true)}) and string to sign
         * ({@code explanation.apply(false)}) are computed when read.
         *
         * @param url the URL
         * @param method the method
         * @param signedHeaders the headers to send
         * @param expiration when it expires
         * @param signature the signature
         * @param explanation the texts on demand; must be thread-safe
         * @return the presigned URL
         * @since 0.1.0
         */
        PresignedUrl presignedUrl(String url, String method, Headers signedHeaders, Instant expiration,
                                  String signature, Function<Boolean, String> explanation);

        /**
         * A presigned URL whose signature is the text {@code url[signatureFrom, signatureTo)}, taken
         * from the URL only when {@link PresignedUrl#signature()} is called; otherwise as
         * {@link #presignedUrl(String, String, Headers, Instant, String, Function)}.
         *
         * @param url the URL
         * @param method the method
         * @param signedHeaders the headers to send
         * @param expiration when it expires
         * @param signatureFrom where the signature starts in the URL
         * @param signatureTo where it ends (exclusive)
         * @param explanation the texts on demand; must be thread-safe
         * @return the presigned URL
         * @since 0.1.0
         */
        PresignedUrl presignedUrl(String url, String method, Headers signedHeaders, Instant expiration,
                                  int signatureFrom, int signatureTo, Function<Boolean, String> explanation);

        /**
         * The same presigned URL with other warnings; everything else (including texts computed
         * when read) is shared.
         *
         * @param url the presigned URL
         * @param warnings the warnings, none blank
         * @return the copy
         * @since 0.2.0
         */
        PresignedUrl withWarnings(PresignedUrl url, List<String> warnings);

        /**
         * A signing result from parts the signer produced, without validating them again: the
         * signature is {@code signatureSource.substring(signatureFrom)} (for example the end of the
         * {@code Authorization} value), taken only when {@link SignedRequest#signature()} is called;
         * the canonical request ({@code explanation.apply(true)}) and string to sign
         * ({@code explanation.apply(false)}) are computed when read.
         *
         * @param request the signed request
         * @param algorithm the algorithm name
         * @param signatureSource text that ends with the signature
         * @param signatureFrom where the signature starts in it
         * @param signedHeaders the signed header names, an unmodifiable list
         * @param signingTime the signing time
         * @param explanation the texts on demand; must be thread-safe
         * @return the result
         * @since 0.1.0
         */
        SignedRequest signedRequest(SignableRequest request, String algorithm, String signatureSource,
                                    int signatureFrom, List<String> signedHeaders, Instant signingTime,
                                    Function<Boolean, String> explanation);

        /**
         * An accepted verification whose canonical request ({@code explanation.apply(true)}) and
         * string to sign ({@code explanation.apply(false)}) are computed when read, not copied out
         * of the verifier's buffers for every request.
         *
         * @param accessKeyId the access key id that signed the request, not null
         * @param explanation the texts on demand (null for a text the algorithm does not have, such
         *     as SigV2's canonical request); must be thread-safe and return the same text every time
         * @return the result
         * @since 0.2.0
         */
        VerificationResult verified(String accessKeyId, Function<Boolean, String> explanation);
    }

    /**
     * Installs the bridge; called once by the request model ({@link Headers}) when it is
     * initialised.
     *
     * @param b the bridge
     * @throws IllegalStateException if a bridge is already installed
     * @throws IllegalCallerException if the caller is not {@link Headers}
     * @since 0.1.0
     */
    public static void install(Bridge b) {
        if (caller() != Headers.class) {
            throw new IllegalCallerException("ApiAccess: only the request model installs the bridge");
        }
        if (bridge != null) {
            throw new IllegalStateException("ApiAccess: bridge already installed");
        }
        bridge = b;
    }

    /**
     * The bridge, for the classes of this project only.
     *
     * @return the bridge
     * @throws IllegalCallerException if the caller is not a class of this project's packages
     * @since 0.1.0
     */
    public static Bridge bridge() {
        Class<?> caller = caller();
        if (!isProjectClass(caller)) {
            throw new IllegalCallerException("dev.awssig.internal.ApiAccess is internal to awssig: its trusted path"
                    + " builds requests and headers without validating them, for the awssig modules only (caller: "
                    + caller.getName() + "); use the public builders (Headers, SignableRequest), which check every"
                    + " value");
        }
        Bridge b = bridge;
        if (b == null) {
            Headers.empty(); // initialises Headers, which installs the bridge
            b = bridge;
            if (b == null) {
                throw new IllegalStateException("ApiAccess: the request model is still being initialised");
            }
        }
        return b;
    }

    /** The class of the frame that called the public method that called this one (hidden frames included). */
    private static Class<?> caller() {
        return WALKER.walk(frames -> frames.skip(2).findFirst()).map(StackWalker.StackFrame::getDeclaringClass)
                .orElse(Object.class);
    }

    /**
     * Whether a class belongs to this project: on the module path, to a module named
     * {@code dev.awssig} or {@code dev.awssig.*} (only the siblings can link to this package there);
     * on the class path, to {@code dev.awssig}, {@code dev.awssig.internal} (or below it) or a
     * module's {@code dev.awssig.*.internal} package.
     *
     * @param c the class
     * @return true for a class of this project
     */
    static boolean isProjectClass(Class<?> c) {
        Module m = c.getModule();
        if (m.isNamed()) {
            String name = m.getName();
            return name.equals("dev.awssig") || name.startsWith("dev.awssig.");
        }
        String p = c.getPackageName();
        return p.equals("dev.awssig") || p.equals("dev.awssig.internal") || p.startsWith("dev.awssig.internal.")
                || (p.startsWith("dev.awssig.") && p.endsWith(".internal"));
    }
}
