package io.tributary.scale.rabbitmq;

import io.tributary.config.ScaleConfig;
import io.tributary.core.TributaryException;
import io.tributary.engine.partition.RemotePartitioning;
import java.util.function.Function;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.integration.amqp.inbound.AmqpInboundChannelAdapter;
import org.springframework.integration.amqp.outbound.AmqpOutboundEndpoint;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;

/**
 * The RabbitMQ side of remote partitioning (a job's {@code scale:} block). The manager sends one
 * {@link StepExecutionRequest} per partition to the job's durable work queue through a Spring Integration AMQP
 * outbound endpoint, and learns the outcome by polling the shared job repository (no reply queue). A worker consumes
 * the queue one request at a time through an inbound channel adapter. Requests travel as plain text
 * ({@link #encode}), never as serialized Java objects. The broker connection is opened only here, so a job without
 * {@code scale:} never touches a broker.
 */
final class RabbitPartitionQueue implements RemotePartitioning.Link {

  /** How often the manager reads the job repository for finished partitions. */
  private static final long POLL_MILLIS = 500;

  private final CachingConnectionFactory connections;
  private final String queue;
  private final JobRepository jobRepository;
  private final String where;
  private final BeanFactory beans;
  private AmqpInboundChannelAdapter inbound;

  private RabbitPartitionQueue(ScaleConfig scale, String job, JobRepository jobRepository, BeanFactory beans) {
    ScaleConfig.Broker broker = scale.broker();
    this.connections = connectionFactory(broker, job);
    this.queue = scale.queue(job);
    this.where = "RabbitMQ " + broker.host() + ":" + broker.portOrDefault() + broker.virtualHostOrDefault();
    this.jobRepository = jobRepository;
    this.beans = beans;
  }

  /**
   * Connects to the broker of {@code scale} and declares the job's durable queue. {@code beans} is the engine's
   * bean factory, which Spring Integration endpoints need even when they are not beans themselves.
   */
  static RabbitPartitionQueue connect(ScaleConfig scale, String job, JobRepository jobRepository,
      BeanFactory beans) {
    RabbitPartitionQueue remote = new RabbitPartitionQueue(scale, job, jobRepository, beans);
    try {
      new RabbitAdmin(remote.connections).declareQueue(new Queue(remote.queue, true, false, false));
    } catch (AmqpException e) {
      remote.connections.destroy();
      throw new TributaryException(TributaryException.Kind.TRANSIENT, "cannot reach the broker " + remote.where
          + " of scale.broker: " + e.getMessage(), "start RabbitMQ, or check scale.broker (host, port, username,"
          + " password, virtual_host) in the job file", e);
    }
    return remote;
  }

  private static CachingConnectionFactory connectionFactory(ScaleConfig.Broker broker, String job) {
    CachingConnectionFactory connections = new CachingConnectionFactory(broker.host(), broker.portOrDefault());
    connections.setUsername(broker.usernameOrDefault());
    connections.setPassword(broker.password() == null ? "guest" : broker.password().resolve());
    connections.setVirtualHost(broker.virtualHostOrDefault());
    connections.setConnectionNameStrategy(cf -> "tributary " + job);
    return connections;
  }

  @Override
  public String queue() {
    return queue;
  }

  /** The manager's partition handler: sends the requests for {@code workerStepName} and polls for their ends. */
  @Override
  public PartitionHandler handler(String workerStepName, int gridSize) {
    RabbitTemplate template = new RabbitTemplate(connections);
    AmqpOutboundEndpoint endpoint = new AmqpOutboundEndpoint(template);
    endpoint.setRoutingKey(queue);
    endpoint.setBeanFactory(beans);
    endpoint.afterPropertiesSet();
    DirectChannel requests = new DirectChannel();
    requests.subscribe(message -> endpoint.handleMessage(
        MessageBuilder.withPayload(encode((StepExecutionRequest) message.getPayload())).build()));
    MessageChannelPartitionHandler handler = new MessageChannelPartitionHandler();
    handler.setStepName(workerStepName);
    handler.setGridSize(gridSize);
    handler.setJobRepository(jobRepository);
    handler.setPollInterval(POLL_MILLIS);
    handler.setMessagingOperations(new MessagingTemplate(requests));
    try {
      handler.afterPropertiesSet();
    } catch (Exception e) {
      throw new IllegalStateException("partition handler of " + workerStepName, e);
    }
    return handler;
  }

  /**
   * Starts consuming the queue: each request is handed to {@code handler} on a listener thread, one at a time per
   * thread, and acknowledged when the partition has ended (so a worker that dies mid-partition leaves the request to
   * another worker).
   */
  void listen(int threads, Function<StepExecutionRequest, ?> handler) {
    SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
    container.setQueueNames(queue);
    container.setBeanName("tributary-worker");
    container.setConcurrentConsumers(threads);
    container.setPrefetchCount(1);
    container.setDefaultRequeueRejected(false);
    DirectChannel requests = new DirectChannel();
    requests.subscribe(message -> handler.apply(decode(text(message))));
    inbound = new AmqpInboundChannelAdapter(container);
    inbound.setOutputChannel(requests);
    inbound.setBeanFactory(beans);
    inbound.afterPropertiesSet();
    inbound.start();
  }

  @Override
  public String where() {
    return where;
  }

  private static String text(Message<?> message) {
    Object payload = message.getPayload();
    return payload instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
        : String.valueOf(payload);
  }

  /** {@code <step execution id> <step name>}: plain text, so no Java deserialization happens on a worker. */
  static String encode(StepExecutionRequest request) {
    return request.getStepExecutionId() + " " + request.getStepName();
  }

  static StepExecutionRequest decode(String text) {
    int space = text.indexOf(' ');
    if (space < 1) {
      throw new IllegalArgumentException("not a partition request: " + text);
    }
    return new StepExecutionRequest(text.substring(space + 1), Long.parseLong(text.substring(0, space)));
  }

  @Override
  public void close() {
    if (inbound != null) {
      inbound.stop();
    }
    connections.destroy();
  }
}
