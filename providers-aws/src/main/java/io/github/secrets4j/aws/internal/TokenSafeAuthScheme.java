package io.github.secrets4j.aws.internal;

import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.spi.scheme.AuthScheme;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;

/**
 * The SigV4 auth scheme ({@value AwsV4AuthScheme#SCHEME_ID}) of the clients this provider builds,
 * with {@link TokenSafeSigner} in place of the SDK's signer; identities come from the client's
 * credentials provider as usual.
 */
final class TokenSafeAuthScheme implements AuthScheme<AwsCredentialsIdentity> {
  private final TokenSafeSigner signer = new TokenSafeSigner();

  @Override
  public String schemeId() {
    return AwsV4AuthScheme.SCHEME_ID;
  }

  @Override
  public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
    return providers.identityProvider(AwsCredentialsIdentity.class);
  }

  @Override
  public HttpSigner<AwsCredentialsIdentity> signer() {
    return signer;
  }
}
