# bash completion for banter                                -*- shell-script -*-
_banter()
{
	local cur prev words cword split
	_init_completion -s || return

	case $prev in
	--format | -f)
		COMPREPLY=($(compgen -W 'text json jsonl csv tsv markdown html' -- "$cur"))
		return ;;
	--by)
		COMPREPLY=($(compgen -W 'client note passage' -- "$cur"))
		return ;;
	--period)
		COMPREPLY=($(compgen -W 'week month quarter year none' -- "$cur"))
		return ;;
	--color | --colour)
		COMPREPLY=($(compgen -W 'auto always never' -- "$cur"))
		return ;;
	--print-rules)
		# its value comes only after '=': a separate word is a PATH
		if $split; then
			COMPREPLY=($(compgen -W 'patterns' -- "$cur"))
			return
		fi ;;
	--redact)
		# its value comes only after '='
		if $split; then
			COMPREPLY=($(compgen -W 'clients' -- "$cur"))
			return
		fi ;;
	--check-flags)
		COMPREPLY=($(compgen -W 'chatty all-business referral-heavy stale drifting' -- "$cur"))
		return ;;
	--limit)
		COMPREPLY=($(compgen -S = -W 'file-size front-matter yaml-depth yaml-events scalar passage match depth heap jit-stack regex-budget' -- "$cur"))
		compopt -o nospace
		return ;;
	--rules | --config)
		_filedir '@(yaml|yml)'
		return ;;
	--files-from | --output | -o | --stdin-name)
		_filedir
		return ;;
	--target | --since | --until | --today | --stale-days | --referral-rate | \
	--referral-min | --drift-periods | --client | --tag | --ext | --jobs | -j | \
	--max-filesize)
		return ;;
	esac
	$split && return

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '$(_parse_help "$1")' -- "$cur"))
		[[ ${COMPREPLY-} == *= ]] && compopt -o nospace
		return
	fi
	_filedir '@(md|markdown|txt)'
} &&
	complete -F _banter banter
