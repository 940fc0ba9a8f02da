/**
 * The built-in formatters of config.md §9, written in the template language itself so they render
 * through the same engine as user templates. Lines are joined with real line breaks.
 */

export interface TemplatePair {
  name: string;
  description: string;
}

const lines = (...parts: string[]): string => parts.join('\n');

/** Proxied / private / P2P markers in front of a name. */
const markers = (proxied: string): string =>
  `{stream.proxied["${proxied} "||""]}{stream.private["🔑 "||""]}{stream.type::=p2p["[P2P] "||""]}`;

/** A ranked stream expression whose names mention a tier T1…T8 matched. */
const TIER_MATCHED = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `stream.rseMatched::join::~T${n}`).join('::or::');

/**
 * One tag: SeaDex best, else another SeaDex release, else a tiered ranked expression, else the
 * preferred regex. The tier check gets a third branch because its value is absent when no ranked
 * expression matched at all.
 */
function releaseTag(best: string, alternative: string, ranked: string, regex: string): string {
  const regexPart = `{?${regex}?}`;
  return `{stream.seadexBest["${best}"||"{stream.seadex["${alternative}"||"{${TIER_MATCHED}["${ranked}"||"${regexPart}"||"${regexPart}"]}"]}"]}`;
}

/** Size/folder-size/bitrate-free lines shared by the Google Drive family. */
const gdriveAttributes = (groupSpace: string): string =>
  `{?🎥 {stream.quality} ?}{?🎞️ {stream.encode} ?}{?🏷️ {stream.releaseGroup}${groupSpace}?}{?📡 {stream.network} ?}`;
const gdriveTags = (sep: string): string =>
  `{?📺 {stream.visualTags::join('${sep}')} ?}{?🎧 {stream.audioTags::join('${sep}')} ?}{?🔊 {stream.audioChannels::join('${sep}')}?}`;

const torrentio: TemplatePair = {
  name: lines(
    `${markers('🕵️‍♂️')}{?[{service.shortName}{service.cached["+] "||" download] "]}?}{addon.name} {stream.resolution::default('Unknown')}`,
    `{stream.visualTags::join(' | ')}`,
  ),
  description: lines(
    `{?ℹ️{stream.message}?}`,
    `{stream.folderName}`,
    `{stream.filename}`,
    `{?💾{stream.size::bytes2} ?}{?/ 💾{stream.folderSize::bytes2}?}{?👤{stream.seeders} ?}{?📅{stream.age} ?}{?⚙️{stream.indexer}?}`,
    `{stream.languageEmojis::join(' / ')}{stream.languageEmojis::exists::and::stream.subtitleEmojis::exists[" "||""]}{?Subs / {stream.subtitleEmojis::join(' / ')}?}`,
  ),
};

const torbox: TemplatePair = {
  name: `${markers('🕵️‍♂️')}{addon.name}{stream.library[" (Your Media) "||""]}{service.cached[" (Instant "||" ("]}{?{service.shortName})?}{? ({stream.resolution})?}`,
  description: lines(
    `Quality: {stream.quality::default('Unknown')}`,
    `Name: {stream.filename::default('Unknown')}`,
    `Size: {?{stream.size::bytes} ?}{?/ {stream.folderSize::bytes} ?}{?| Source: {stream.indexer} ?}{?| Duration: {stream.duration::time} ?}`,
    `Languages: {stream.languages::join(', ')}{stream.languages::exists::and::stream.subtitles::exists[" | "||""]}{?Subtitles: {stream.subtitles::join(', ')}?}`,
    `{?Message: {stream.message}?}`,
  ),
};

const gdrive: TemplatePair = {
  name:
    `${markers('🕵️')}{?[{service.shortName}?}{service.cached["⚡] "||"⏳] "]}{addon.name}{stream.library[" (Your Media)"||""]} {stream.resolution}` +
    releaseTag(' (Best)', ' (SeaDex Alt.)', ' ({stream.rseMatched::first})', ' ({stream.regexMatched})'),
  description: lines(
    gdriveAttributes(' '),
    gdriveTags(' | '),
    `{?📦 {stream.size::sbytes} ?}{?/ {stream.folderSize::sbytes} ?}{?({stream.bitrate::sbitrate})?}{?⏱️ {stream.duration::time} ?}{stream.seeders::>0["👥 {stream.seeders} "||""]}{?📅 {stream.age} ?}{?🔍 {stream.indexer}?}`,
    `{?🌎 {stream.languages::join(' | ')}?}{?📝 {stream.subtitles::join(' | ')}?}`,
    `{?📁 {?{stream.folderName}/?}{stream.filename}?}`,
    `{?ℹ️ {stream.message}?}`,
  ),
};

const lightgdrive: TemplatePair = {
  name:
    `${markers('🕵️')}{?[{service.shortName}{stream.library["☁️"||""]}?}{service.cached["⚡] "||"⏳] "]}{addon.name}{? {stream.resolution}?}` +
    releaseTag(' (Best)', ' (SeaDex Alt.)', ' ({stream.rseMatched::first})', ' ({stream.regexMatched})'),
  description: lines(
    `{?📁 {stream.title::title}?}{? ({stream.year})?}{? {stream.seasonEpisode::join(' • ')}?}`,
    gdriveAttributes(''),
    gdriveTags(' • '),
    `{?📦 {stream.size::sbytes} ?}{?/ {stream.folderSize::sbytes} ?}{?⏱️ {stream.duration::time} ?}{?📅 {stream.age} ?}{?🔍 {stream.indexer}?}`,
    `{?🌐 {stream.languageEmojis::join(' / ')}?}{?📝 {stream.subtitleEmojis::join(' / ')}?}`,
    `{?ℹ️ {stream.message}?}`,
  ),
};

const minimalisticgdrive: TemplatePair = {
  name: lines(
    `{stream.resolution::default('N/A')::replace('2160p','✨ 4K')::replace('1440p','📀 2K')::replace('1080p','🧿1080p')::replace('720p','💿720p')}{service.cached[" 🎫 "||" 🎟️ "]}`,
    `{stream.quality::upper}`,
  ),
  description: lines(
    `{?🔆 {stream.visualTags::join(' • ')}  ?}{?🔊 {stream.audioTags::join(' • ')}?}`,
    `{?📦 {stream.size::sbytes} ?}`,
    `{?🌎 {stream.languages::join(' • ')}?}{?📝 {stream.subtitles::join(' • ')}?}`,
  ),
};

const LOW_QUALITY = ['576p', '480p', '360p', '240p', '144p'].map((r) => `::replace('${r}','💩 Low Quality')`).join('');

/** `{stream.type::=<type>["<text>"||""]}` for each type badge. */
const typeBadges = (badges: [type: string, text: string][]): string =>
  badges.map(([type, text]) => `{stream.type::=${type}["${text}"||""]}`).join('');

const prism: TemplatePair = {
  name: `{stream.resolution::default('💩 Unknown')::replace('2160p','🔥4K UHD')::replace('1440p','✨ QHD')::replace('1080p','🚀 FHD')::replace('720p','💿 HD')${LOW_QUALITY}}`,
  description: lines(
    `{?🎬 {stream.title::title} ?}{?({stream.year}) ?}{?🍂 {stream.formattedSeasons} ?}{?🎞️ {stream.formattedEpisodes}?}` +
      releaseTag('🎚️ Best ', '🎚️ Alternative', ' 🎚️ {stream.rseMatched::first}', '🎚️ {stream.regexMatched} '),
    `{?🎥 {stream.quality} ?}{?📺 {stream.visualTags::join(' | ')} ?}{?🎞️ {stream.encode} ?}{?⏱️ {stream.duration::time} ?}`,
    `{?🎧 {stream.audioTags::join(' | ')} ?}{?🔊 {stream.audioChannels::join(' | ')} ?}{?🗣️ {stream.languageEmojis::join(' / ')}?}{?📝 {stream.subtitleEmojis::join(' / ')}?}`,
    `{?📦 {stream.size::sbytes} ?}{?/ {stream.folderSize::sbytes} ?}{?📊 {stream.bitrate::sbitrate} ?}` +
      `{service.cached::isfalse::or::stream.type::=p2p::and::stream.seeders::>0["🌱 {stream.seeders} "||""]}` +
      `{stream.type::=usenet["{?📅 {stream.age} ?}"||""]}`,
    `{?🏷️ {stream.releaseGroup} ?}{?📡 {stream.indexer} ?}{?🎭 {stream.network}?}`,
    `{service.cached["⚡Ready "||"❌ Not Ready "]}{?({service.shortName}) ?}{stream.library["📌 Library "||""]}` +
      typeBadges([['usenet', '📰 Usenet '], ['p2p', '⚠️ P2P '], ['http', '💻 Web Link '], ['youtube', '▶️ Youtube '], ['live', '📺 Live ']]) +
      `{stream.proxied["🔒 Proxied "||""]}{stream.private["🔑 Private "||""]}🔍{addon.name} `,
    `{?ℹ️ {stream.message}?}`,
  ),
};

// Tamtaro pads with invisible characters so its columns line up in Stremio: zero-width joiners,
// no-break spaces and a zero-width space, exactly as AIOStreams writes them.
const ZWJ = '\u200d';
const NBSP = '\u00a0';
const ZWSP = '\u200b';
// U+2329 / U+232A, not the look-alike CJK brackets U+3008 / U+3009.
const nbsp = (n: number): string => NBSP.repeat(n);
const SUBSCRIPT_DIGITS = [...'₀₁₂₃₄₅₆₇₈₉'].map((d, i) => `::replace('${i}','${d}')`).join('');
/** Editions and networks in small capitals, with a plain `s` (Tamtaro's taste). */
const smallcapsPlainS = `::smallcaps::replace('ꜱ','s')`;

/** The type badge: superscript letters, or blank padding for debrid. */
const TAMTARO_TYPE =
  `{stream.type::replace('debrid','${nbsp(4)}')::replace('p2p','⁽ᵖ²ᵖ⁾')::replace('live','⁽ˡᶦᵛᵉ⁾')::replace('http','⁽ʷᵉᵇ⁾')` +
  `::replace('stremio-usenet','⁽ⁿᶻᵇ⁾')::replace('usenet','${ZWJ}⁽ⁿᶻᵇ⁾${ZWJ}')::replace('statistic','⁽ˢᵗᵃᵗˢ⁾')` +
  `::replace('external','⁽ᵉˣᵗ⁾')::replace('error','⁽ᵉʳʳᵒʳ⁾')::replace('youtube','⁽ʸᵗ⁾')}`;

/** One audio tag and at most one visual tag fit on the encode line; more get a line of their own. */
const AUDIO_INLINE = 'stream.audioTags::length::=1::and::stream.visualTags::length::<2';
const audioTags = `{stream.audioTags::lsort::join(' · ')::replace('DD · DD','DD')::replace('DTS · DTS','DTS')}`;
const channels = `{stream.audioChannels::join(' · ')}`;

const tamtaro: TemplatePair = {
  name:
    `{stream.resolution::exists["{stream.resolution::replace('2160p','${nbsp(3)}4K${NBSP}')::replace('1440p','${nbsp(4)}2K${NBSP}')::replace('p','P')}${ZWJ}"||"${ZWJ}${nbsp(5)}"]}` +
    `${ZWJ}${TAMTARO_TYPE}${ZWJ.repeat(3)}{service.cached["⚡"||"${ZWJ}⏳${ZWJ}${ZWSP}"]}` +
    `{?${ZWJ.repeat(2)}\n${nbsp(2)}\u2329{stream.quality::title::replace('Bluray Remux','Remux')::replace('Web-dl','Web${ZWJ}-${ZWJ}dl')::replace('Hdrip','HDRip')}\u232a${ZWJ}${nbsp(5)}?}` +
    `{stream.message::~download["{tools.removeLine}"||""]}`,
  description: lines(
    `{?{stream.library["☁︎"||"✎"]}  {stream.title::title::truncate(15)}?}` +
      `{stream.year::exists::and::stream.seasons::exists::isfalse::and::stream.episodes::exists::isfalse[" ({stream.year}) "||""]}` +
      `{?  {stream.seasonEpisode::join('·')::replace('E','ᴇ')::replace('S','s')${SUBSCRIPT_DIGITS}}?}`,
    `{?▣  {stream.encode}  ?}{?{stream.visualTags::join(' ')::~DV::or::stream.visualTags::join(' ')::~HDR["✦"||"✧"]}  {stream.visualTags::sort::join(' · ')}  ?}` +
      `{${AUDIO_INLINE}["♬  ${audioTags}{?  ♯ ${channels}?}"||""]}`,
    `{${AUDIO_INLINE}[""||"{?♬  ${audioTags}  ?}{?♯  ${channels} ?}"]}`,
    `{stream.size::>0["{stream.seasonPack["❖"||"◈"]} {stream.folderSize::>0["{stream.size::sbytes::remove(' KB',' MB',' GB',' TB')} / {stream.folderSize::sbytes}"||"{stream.size::sbytes}"]}"||""]}` +
      `{? · {stream.bitrate::sbitrate::replace('Mbps','ᴹᵇᵖˢ')::replace('Kbps','ᴷᵇᵖˢ')} ?}` +
      `{service.cached::isfalse::or::stream.type::=p2p::and::stream.seeders::>0["⇄ {stream.seeders}❦ "||""]}{?· {stream.age} ?}` +
      `{stream.message::~download["{tools.removeLine}"||""]}`,
    `{stream.proxied["⛊"||"⛉"]} {?[{service.shortName}] ?}{addon.name}{stream.private[" ⚿ ᴘʀɪᴠᴀᴛᴇ"||""]}` +
      `{? · {stream.releaseGroup::truncate(13)}?}{stream.type::=usenet["{? · {stream.indexer::truncate(13)}?}"||""]}`,
    `{stream.uLanguages::exists::or::stream.subbed["⛿ {?{stream.uSmallLanguageCodes::join(' · ')} ?}{stream.subbed["sᴜʙ "||""]}"||""]}` +
      `{stream.editions::exists::or::stream.network::exists[" » {?{stream.editions::join(' ')::replace('Edition','')${smallcapsPlainS}} ?}{?{stream.network${smallcapsPlainS}} ?}"||""]}`,
    `{?ℹ️ {stream.message}?}`,
  ),
};

export const BUILTIN_FORMATTERS: Readonly<Record<string, TemplatePair>> = {
  torrentio,
  torbox,
  gdrive,
  lightgdrive,
  minimalisticgdrive,
  prism,
  tamtaro,
};
