/**
 * AWS Signature Version 4: {@link dev.awssig.v4.SigV4Signer} (sign, presign, aws-chunked),
 * {@link dev.awssig.v4.SigV4Verifier} (the receiving side) and {@link dev.awssig.v4.SigV4Options}.
 *
 * @since 0.1.0
 */
package dev.awssig.v4;
