package io.privacypal.gateway.http;

import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;

/**
 * Keeps a graceful stop short. Jetty's stop gives every open connection a one-second idle timeout
 * and waits for them to close, but a request that completes meanwhile puts back the connection's
 * usual idle timeout (because the read timeout differs from it), so the stop waited out its whole
 * grace period for a kept-alive connection. This gives the short timeout back.
 */
final class ShutdownIdleTimeout implements HttpChannel.Listener {
  @Override
  public void onComplete(Request request) {
    if (request.getHttpChannel().getConnector() instanceof AbstractConnector connector
        && connector.isShutdown()) {
      request.getHttpChannel().getEndPoint().setIdleTimeout(connector.getShutdownIdleTimeout());
    }
  }
}
