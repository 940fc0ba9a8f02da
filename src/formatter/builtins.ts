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
    `{?📦 {stream.size::sbytes} ?}{?/ {stream.folderSize::sbytes} ?}{?({stream.bitrate::bitrate})?}{?⏱️ {stream.duration::time} ?}{stream.seeders::>0["👥 {stream.seeders} "||""]}{?📅 {stream.age} ?}{?🔍 {stream.indexer}?}`,
    `{?🌎 {stream.languages::join(' | ')}?}{?📝 {stream.subtitles::join(' | ')}?}`,
    `📁 {?{stream.folderName}/?}{stream.filename}`,
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
    `{?📦 {stream.size::sbytes} ?}{?/ {stream.folderSize::sbytes} ?}{?📊 {stream.bitrate::bitrate} ?}` +
      `{service.cached::isfalse::or::stream.type::=p2p::and::stream.seeders::>0["🌱 {stream.seeders} "||""]}` +
      `{stream.type::=usenet["{?📅 {stream.age} ?}"||""]}`,
    `{?🏷️ {stream.releaseGroup} ?}{?📡 {stream.indexer} ?}{?🎭 {stream.network}?}`,
    `{service.cached["⚡Ready "||"❌ Not Ready "]}{?({service.shortName}) ?}{stream.library["📌 Library "||""]}` +
      typeBadges([['usenet', '📰 Usenet '], ['p2p', '⚠️ P2P '], ['http', '💻 Web Link '], ['youtube', '▶️ Youtube '], ['live', '📺 Live ']]) +
      `{stream.proxied["🔒 Proxied "||""]}{stream.private["🔑 Private "||""]}🔍{addon.name} `,
    `{?ℹ️ {stream.message}?}`,
  ),
};

const ZWJ = '\u200d';

/** config.md asks only for the spirit of this one: compact symbols, superscript and small capitals. */
const tamtaro: TemplatePair = {
  name: lines(
    `{?${ZWJ} {stream.resolution::replace('2160p','4K')::replace('1440p','2K')::replace('p','P')} ${ZWJ}?}` +
      typeBadges([['p2p', '⁽ᵖ²ᵖ⁾'], ['http', '⁽ʷᵉᵇ⁾'], ['live', '⁽ˡᶦᵛᵉ⁾'], ['usenet', '⁽ⁿᶻᵇ⁾']]) +
      `{service.cached["⚡"||"⏳"]}`,
    `{?〈{stream.quality::title}〉?}`,
    `{stream.nSeScore::pstar}`,
  ),
  description: lines(
    `{?{stream.library["☁︎"||"✎"]} {stream.title::title}{stream.year::exists[" ({stream.year})"||"{? ({stream.date})?}"]}?}` +
      `{? s{stream.formattedSeasons::remove('S')::subscript}?}{?·ᴇ{stream.formattedEpisodes::remove('E')::subscript}?}`,
    `{?▣ {stream.encode} ?}{?{stream.visualTags::~DV["✦"||"✧"]} {stream.visualTags::join(' · ')}?}`,
    `{?♬ {stream.audioTags::join(' · ')} ?}{?♯ {stream.audioChannels::join(' · ')}?}`,
    `{stream.size::exists::or::stream.seeders::exists::or::stream.age::exists["{stream.seasonPack["❖"||"◈"]}"||""]}` +
      `{? {stream.size::sbytes}?}{?/{stream.folderSize::sbytes}?}{? · {stream.bitrate::sbitrate}?}{? · ⇄ {stream.seeders}❦?}{? · {stream.age}?}`,
    `{stream.proxied["⛊"||"⛉"]} {?[{service.shortName}] ?}{addon.name}{? · {stream.releaseGroup}?}`,
    `{?{stream.uSmallLanguageCodes::join(' · ')} ?}{stream.seadexBest["ʙᴇꜱᴛ "||""]}{stream.repack["ʀᴇᴘᴀᴄᴋ "||""]}` +
      `{stream.proper["ᴘʀᴏᴘᴇʀ "||""]}{stream.dubbed["ᴅᴜʙ "||""]}{stream.subbed["ꜱᴜʙ "||""]}{stream.hasChapters["ᴄʜᴀᴘᴛᴇʀꜱ"||""]}`,
    `{?ℹ️ {stream.message}?}{stream.message::~download["{tools.removeLine}"||""]}`,
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
