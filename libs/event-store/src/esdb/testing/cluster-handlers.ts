/**
 * What the client asks a node before and besides reading and writing:
 * - ServerFeatures.GetSupportedMethods: the client asks once per connection which RPCs exist and
 *   picks Append over BatchAppend when BatchAppend is not listed. The double lists what it does.
 * - Gossip.Read: a multi-host (`esdb://a,b,c`) or `esdb+discover://` connection string makes the
 *   client ask any seed for the cluster members and connect to the leader. The double reports its
 *   endpoints: the first one as leader, the others as followers, all alive.
 */
import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { ClusterInfo, EndPoint, MemberInfo } from '@eventstore/db-client/generated/gossip_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { UUID, type Empty } from '@eventstore/db-client/generated/shared_pb';
import { randomUUID } from 'node:crypto';

export const DOUBLE_SERVER_VERSION = '0.0.0-in-process-double';

const SUPPORTED: readonly (readonly [service: string, method: string])[] = [
  ['event_store.client.streams.Streams', 'read'],
  ['event_store.client.streams.Streams', 'append'],
  ['event_store.client.gossip.Gossip', 'read'],
  ['event_store.client.server_features.ServerFeatures', 'getsupportedmethods'],
];

export function supportedMethodsHandler() {
  return (_call: ServerUnaryCall<Empty, SupportedMethods>, callback: sendUnaryData<SupportedMethods>): void => {
    const methods = SUPPORTED.map(([service, method]) =>
      new SupportedMethod().setServiceName(service).setMethodName(method),
    );
    callback(null, new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(DOUBLE_SERVER_VERSION));
  };
}

export interface NodeEndpoint {
  readonly address: string;
  readonly port: number;
}

export function gossipHandler(endpoints: () => readonly NodeEndpoint[]) {
  const instanceIds = new Map<number, string>();
  return (_call: ServerUnaryCall<Empty, ClusterInfo>, callback: sendUnaryData<ClusterInfo>): void => {
    const members = endpoints().map((endpoint, i) => {
      const instanceId = instanceIds.get(endpoint.port) ?? randomUUID();
      instanceIds.set(endpoint.port, instanceId);
      return new MemberInfo()
        .setInstanceId(new UUID().setString(instanceId))
        .setTimeStamp(String(BigInt(Date.now()) * 10_000n))
        .setState(i === 0 ? MemberInfo.VNodeState.LEADER : MemberInfo.VNodeState.FOLLOWER)
        .setIsAlive(true)
        .setHttpEndPoint(new EndPoint().setAddress(endpoint.address).setPort(endpoint.port));
    });
    callback(null, new ClusterInfo().setMembersList(members));
  };
}
