import { BadRequestException, Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LogSigningKey } from '@shuangsui/application';
import { rawPublicKey } from '@shuangsui/domain/transparency';
import { TransparencyTreeReader, type StoredTreeHead } from '@shuangsui/projections';
import { Public } from '../auth/access.decorators';
import { validationFailed } from '../common/error-body';
import { IdPipe } from '../common/id.pipe';
import { LOG_SIGNING_KEY } from './transparency.tokens';

const SIZE = /^\d{1,15}$/;

/**
 * The transparency log's public side (no sign-in; docs/transparency-log.md): signed heads, inclusion
 * and consistency proofs, the public key. Hashes and sizes only — an inclusion proof names an event by
 * id and gives its leaf hash, never the event itself, so private events stay private.
 */
@ApiTags('public')
@Public()
@Controller('public/log')
export class PublicLogController {
  constructor(
    private readonly tree: TransparencyTreeReader,
    @Inject(LOG_SIGNING_KEY) private readonly key: LogSigningKey,
  ) {}

  @Get('head')
  @ApiOperation({ summary: 'The latest signed tree head: {treeSize, rootHash, timestamp, keyId, signature, eventId, position}' })
  async head(): Promise<StoredTreeHead> {
    const head = await this.tree.latestHead();
    if (!head) throw new NotFoundException({ statusCode: 404, error: 'TreeHeadNotFound', message: '尚未签发任何树头：日志为空或首个树头尚未生成' });
    return head;
  }

  @Get('heads/:size')
  @ApiOperation({ summary: 'The signed head of one tree size' })
  async headOfSize(@Param('size') size: string): Promise<StoredTreeHead> {
    const treeSize = parseSize('size', size);
    const head = await this.tree.headOfSize(treeSize);
    if (!head) throw new NotFoundException({ statusCode: 404, error: 'TreeHeadNotFound', message: `没有树大小为${treeSize}的已签名树头`, treeSize });
    return head;
  }

  @Get('consistency')
  @ApiOperation({ summary: 'RFC 9162 consistency proof between two tree sizes (from ≤ to ≤ the current size)' })
  async consistency(@Query('from') from: string, @Query('to') to: string): Promise<{ fromSize: number; toSize: number; proof: string[] }> {
    const fromSize = parseSize('from', from);
    const toSize = parseSize('to', to);
    const current = await this.tree.size();
    if (fromSize > toSize) throw badSize('from', `from（${fromSize}）不能大于 to（${toSize}）`);
    if (toSize > current) throw badSize('to', `to（${toSize}）超过当前树大小${current}`);
    return { fromSize, toSize, proof: (await this.tree.consistency(fromSize, toSize)).map((hash) => hash.toString('hex')) };
  }

  @Get('inclusion/:eventId')
  @ApiOperation({ summary: "An event's RFC 9162 inclusion proof against a tree size (default: the latest signed head's)" })
  async inclusion(@Param('eventId', IdPipe) eventId: string, @Query('treeSize') treeSizeText?: string) {
    const leaf = await this.tree.leaf(eventId);
    if (!leaf) throw new NotFoundException({ statusCode: 404, error: 'LeafNotFound', message: `事件 ${eventId} 不在日志树中（不存在，或尚未加入）`, eventId });
    const head = treeSizeText === undefined ? await this.tree.latestHead() : null;
    const treeSize = treeSizeText === undefined ? head?.treeSize ?? (await this.tree.size()) : parseSize('treeSize', treeSizeText);
    const current = await this.tree.size();
    if (treeSize > current) throw badSize('treeSize', `treeSize（${treeSize}）超过当前树大小${current}`);
    if (leaf.leafIndex >= treeSize) throw badSize('treeSize', `事件 ${eventId} 是第${leaf.leafIndex}号叶子，不在大小为${treeSize}的树中`);
    const proof = (await this.tree.inclusion(leaf.leafIndex, treeSize)).map((hash) => hash.toString('hex'));
    return { ...leaf, treeSize, proof, head: head ?? (await this.tree.headOfSize(treeSize)) };
  }

  @Get('key')
  @ApiOperation({ summary: "The log's Ed25519 public key (PEM and raw base64) and its key id (SHA-256 of the raw key)" })
  publicKey(): { algorithm: 'Ed25519'; keyId: string; publicKeyPem: string; publicKey: string } {
    return { algorithm: 'Ed25519', keyId: this.key.keyId, publicKeyPem: this.key.publicKeyPem(), publicKey: rawPublicKey(this.key.publicKey).toString('base64') };
  }
}

function parseSize(field: string, value: string | undefined): number {
  if (value === undefined || !SIZE.test(value)) throw badSize(field, `${field} 必须是非负整数`);
  return Number(value);
}

const badSize = (field: string, message: string) => new BadRequestException(validationFailed([{ field, rule: 'tree-size', message }]));
