package dev.poststack.provisioner;

import dev.poststack.schemas.Topics;
import dev.poststack.testing.TestDatabase;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One test class's infrastructure: an embedded KRaft broker on a free port, the API's side of the
 * event log, and (unless {@link #brokerOnly}) a throwaway database, a running provisioner and a
 * LISTENing outcome connection. Started before the class's {@code @BeforeAll} methods, stopped
 * after its {@code @AfterAll} ones, in reverse order.
 *
 * <pre>{@code @RegisterExtension static final ProvisionerStack stack = new ProvisionerStack();}
 * </pre>
 */
public final class ProvisionerStack implements BeforeAllCallback, AfterAllCallback {
  private final boolean withProvisioner;
  private final String[] properties;
  private EmbeddedKafkaKraftBroker broker;
  private EventLog log;
  private TestDatabase testDb;
  private ConfigurableApplicationContext provisioner;
  private Database db;
  private OutcomeNotifications outcomes;

  /** The full stack; {@code properties} are added to the provisioner's standard ones. */
  public ProvisionerStack(String... properties) {
    this(true, properties);
  }

  private ProvisionerStack(boolean withProvisioner, String... properties) {
    this.withProvisioner = withProvisioner;
    this.properties = properties;
  }

  /**
   * Only the broker, with the events topic already created (so a test can publish before its
   * provisioners start), and the event log; the test brings its own databases and provisioners.
   */
  public static ProvisionerStack brokerOnly() {
    return new ProvisionerStack(false);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    broker = TestBroker.start();
    log = new EventLog(brokers());
    if (!withProvisioner) {
      broker.addTopics(
          new NewTopic(
              Topics.MAILBOX_EVENTS.name(), Topics.MAILBOX_EVENTS.partitions(), (short) 1));
      return;
    }
    testDb = TestDatabase.create();
    provisioner = Provisioners.start(brokers(), testDb, "poststack-provisioner", properties);
    db = new Database(testDb);
    outcomes = new OutcomeNotifications(testDb);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (outcomes != null) {
      outcomes.close();
    }
    log.close();
    if (provisioner != null) {
      provisioner.close();
      testDb.close();
    }
    broker.destroy();
  }

  public String brokers() {
    return broker.getBrokersAsString();
  }

  public EventLog log() {
    return log;
  }

  public TestDatabase testDb() {
    return testDb;
  }

  public ConfigurableApplicationContext provisioner() {
    return provisioner;
  }

  public Database db() {
    return db;
  }

  public OutcomeNotifications outcomes() {
    return outcomes;
  }
}
