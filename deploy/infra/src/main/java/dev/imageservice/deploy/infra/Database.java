package dev.imageservice.deploy.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.CredentialsBaseOptions;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.constructs.Construct;

/**
 * RDS PostgreSQL 17 in the private subnets, storage and Performance Insights encrypted with the
 * customer-managed key; the master credentials are generated into Secrets Manager ({@code
 * image-service/<env>/db}), from where the External Secrets Operator fills the pods' Secret.
 */
public final class Database extends Construct {

  /** PostgreSQL's port; the services' JDBC URL uses it. */
  public static final int PORT = 5432;

  private final DatabaseInstance instance;
  private final SecurityGroup securityGroup;

  Database(Construct scope, String id, EnvironmentSettings settings, Network network, IKey key) {
    super(scope, id);
    securityGroup =
        SecurityGroup.Builder.create(this, "SecurityGroup")
            .vpc(network.vpc())
            .description("RDS PostgreSQL: reachable from the EKS nodes only")
            .allowAllOutbound(false)
            .build();
    instance =
        DatabaseInstance.Builder.create(this, "Postgres")
            .engine(
                DatabaseInstanceEngine.postgres(
                    PostgresInstanceEngineProps.builder()
                        .version(PostgresEngineVersion.VER_17_9)
                        .build()))
            .instanceType(new InstanceType(settings.databaseInstanceType()))
            .vpc(network.vpc())
            .vpcSubnets(network.privateSubnets())
            .securityGroups(List.<ISecurityGroup>of(securityGroup))
            .port(PORT)
            .databaseName("image_service")
            .credentials(
                Credentials.fromGeneratedSecret(
                    "image_service",
                    CredentialsBaseOptions.builder()
                        .secretName("image-service/" + settings.name() + "/db")
                        .encryptionKey(key)
                        .build()))
            .storageEncrypted(true)
            .storageEncryptionKey(key)
            .enablePerformanceInsights(true)
            .performanceInsightEncryptionKey(key)
            .iamAuthentication(true)
            .multiAz(settings.databaseMultiAz())
            .allocatedStorage(50)
            .maxAllocatedStorage(500)
            .backupRetention(Duration.days(settings.retainData() ? 14 : 1))
            .deletionProtection(settings.retainData())
            .cloudwatchLogsExports(List.of("postgresql", "upgrade"))
            .publiclyAccessible(false)
            .removalPolicy(settings.retainData() ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY)
            .build();
    Suppressions.suppress(
        instance,
        "SMG4",
        "Rotating the master password needs a rotation Lambda in the VPC; the services read it"
            + " through the External Secrets Operator, which refreshes hourly. Tracked as follow-up.");
    Suppressions.suppress(
        instance,
        "RDS11",
        "The default port 5432 is kept: the database is reachable only from the node security"
            + " group, so a non-default port adds no protection.");
    if (!settings.databaseMultiAz()) {
      Suppressions.suppress(instance, "RDS3", "Single-AZ database in dev to save cost.");
    }
    if (!settings.retainData()) {
      Suppressions.suppress(instance, "RDS10", "dev data is disposable: no deletion protection.");
    }
  }

  /** The database instance. */
  public DatabaseInstance instance() {
    return instance;
  }

  /** The database's security group (ingress from the EKS nodes only). */
  public SecurityGroup securityGroup() {
    return securityGroup;
  }
}
