/**
 * The verifying servlet filter: {@link dev.awssig.servlet.VerifyingFilter}, the schemes it
 * detects ({@link dev.awssig.servlet.AuthScheme}), its choice for anonymous requests
 * ({@link dev.awssig.servlet.AnonymousRequests}) and the parsed browser upload it hands on
 * ({@link dev.awssig.servlet.PostUpload}).
 *
 * @since 0.2.0
 */
package dev.awssig.servlet;
