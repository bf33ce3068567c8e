/**
 * Browser-based POST uploads: build and sign a policy and its form with
 * {@link dev.awssig.post.PostPolicy}, {@link dev.awssig.post.PostFormRequest} and
 * {@link dev.awssig.post.PostFormSigner}; serve {@link dev.awssig.post.PostForm#toHtml()}; check
 * received forms with {@link dev.awssig.post.PostPolicyEnforcer}.
 *
 * @since 0.1.0
 */
package dev.awssig.post;
