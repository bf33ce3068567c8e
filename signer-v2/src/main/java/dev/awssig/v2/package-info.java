/**
 * AWS Signature Version 2: {@link dev.awssig.v2.S3V2Signer} (S3 {@code Authorization: AWS} header
 * and presigned URLs), {@link dev.awssig.v2.QueryV2Signer} (the query API's
 * {@code SignatureVersion=2}), their verifiers {@link dev.awssig.v2.S3V2Verifier} and
 * {@link dev.awssig.v2.QueryV2Verifier}, and the {@link dev.awssig.v2.V2Options options}. The same
 * objects are available through {@link dev.awssig.Signers} under
 * {@link dev.awssig.Algorithms#SIGV2_S3} and {@link dev.awssig.Algorithms#SIGV2_QUERY}.
 *
 * @since 0.1.0
 */
package dev.awssig.v2;
