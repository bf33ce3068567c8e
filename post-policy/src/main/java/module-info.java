/**
 * Browser-based POST uploads to S3: policy documents ({@link dev.awssig.post.PostPolicy}), SigV2
 * and SigV4 form signing ({@link dev.awssig.post.PostFormSigner}), the signed form and its HTML
 * page ({@link dev.awssig.post.PostForm}), and enforcement of a policy on the receiving side
 * ({@link dev.awssig.post.PostPolicyEnforcer}).
 *
 * @since 0.1.0
 */
module dev.awssig.post {
    requires transitive dev.awssig;
    requires com.fasterxml.jackson.core;
    requires org.slf4j;

    exports dev.awssig.post;
}
