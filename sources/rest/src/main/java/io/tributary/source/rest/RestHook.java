package io.tributary.source.rest;

import io.tributary.http.HttpCall;
import java.util.Map;

/**
 * The Java hook a definition may name ({@code hook: com.example.MyHook}) when a platform is too odd for YAML alone.
 * One instance per source, built with its no-argument constructor; called on the stream's read thread. Each hook
 * class says in its Javadoc why the platform needs it.
 */
public interface RestHook {

  /** Changes a request before it is sent (signing is done after this, by the auth flow). */
  default HttpCall request(String stream, HttpCall call) {
    return call;
  }

  /** Changes one record as selected from the response (returns the same map when nothing changes). */
  default Map<String, Object> record(String stream, Map<String, Object> record) {
    return record;
  }
}
